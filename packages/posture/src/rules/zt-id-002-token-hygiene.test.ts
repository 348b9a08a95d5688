import { describe, expect, it } from "vitest";
import { deployment, failing, goodPodSpec, object, run } from "../_test-utils.ts";

const { automountServiceAccountToken: _, ...unset } = goodPodSpec();

describe("ZT-ID-002 token hygiene", () => {
  it("fails when neither pod nor SA sets automount, including the implicit default SA", () => {
    const { serviceAccountName: __, ...defaultSa } = unset;
    expect(
      failing(run("ZT-ID-002", [deployment("web", "a", unset), deployment("web", "b", defaultSa)])),
    ).toEqual([
      'Deployment "a" (web): mounts a ServiceAccount token (neither the pod nor ServiceAccount "api" sets it (default true)); set automountServiceAccountToken: false or annotate the pod template fleet-baseline.io/needs-api-access: "true"',
      'Deployment "b" (web): mounts a ServiceAccount token (neither the pod nor ServiceAccount "default" sets it (default true)); set automountServiceAccountToken: false or annotate the pod template fleet-baseline.io/needs-api-access: "true"',
    ]);
  });

  it("lets the pod override the ServiceAccount in both directions", () => {
    const saFalse = {
      ...object("v1", "ServiceAccount", "web", "api", undefined),
      automountServiceAccountToken: false,
    };
    const saTrue = { ...saFalse, automountServiceAccountToken: true };
    expect(run("ZT-ID-002", [deployment("web", "a", unset), saFalse])).toEqual([]);
    expect(run("ZT-ID-002", [deployment("web", "a", goodPodSpec()), saTrue])).toEqual([]);
    expect(
      failing(
        run("ZT-ID-002", [
          deployment("web", "a", goodPodSpec({ automountServiceAccountToken: true })),
          saFalse,
        ]),
      )[0],
    ).toMatch(/the pod sets it/);
  });

  it("allows a mounted token with the needs-api-access annotation", () => {
    expect(
      run("ZT-ID-002", [
        deployment("web", "a", unset, {
          podAnnotations: { "fleet-baseline.io/needs-api-access": "true" },
        }),
      ]),
    ).toEqual([]);
  });

  it("fails token Secrets and long-lived or audience-less projected tokens", () => {
    const secret = {
      ...object("v1", "Secret", "web", "tok", undefined),
      type: "kubernetes.io/service-account-token",
    };
    const vol = {
      name: "t",
      projected: { sources: [{ serviceAccountToken: { path: "t", expirationSeconds: 86400 } }] },
    };
    expect(
      failing(run("ZT-ID-002", [secret, deployment("web", "a", goodPodSpec({ volumes: [vol] }))])),
    ).toEqual([
      'Deployment "a" (web): projected token in volume "t" has no audience (an API-server token); set an audience',
      'Deployment "a" (web): projected token in volume "t" lives 86400s; use expirationSeconds ≤ 3600',
      'Secret "tok" (web): is a long-lived ServiceAccount token Secret; use projected (bound) tokens',
    ]);
  });
});
