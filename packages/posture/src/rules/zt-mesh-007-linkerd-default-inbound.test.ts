import { describe, expect, it } from "vitest";
import { deployment, failing, goodPodSpec, namespace, run } from "../_test-utils.ts";

const enrolled = (extra: Record<string, string> = {}) =>
  namespace("web", {}, { "linkerd.io/inject": "enabled", ...extra });

describe("ZT-MESH-007 Linkerd default inbound policy", () => {
  it("fails the install default (all-unauthenticated) and a pod override, in enforce", () => {
    const d = deployment("web", "api", goodPodSpec(), {
      podAnnotations: { "config.linkerd.io/default-inbound-policy": "all-unauthenticated" },
    });
    expect(failing(run("ZT-MESH-007", [enrolled(), d]))).toEqual([
      'Namespace "web": default inbound policy is all-unauthenticated (install default); annotate config.linkerd.io/default-inbound-policy: all-authenticated',
      'Deployment "api" (web): pod template overrides the default inbound policy to all-unauthenticated; use all-authenticated, cluster-authenticated or deny',
    ]);
  });

  it("passes all-authenticated and skips observe namespaces", () => {
    expect(
      run("ZT-MESH-007", [
        enrolled({ "config.linkerd.io/default-inbound-policy": "all-authenticated" }),
      ]),
    ).toEqual([]);
    expect(
      run("ZT-MESH-007", [
        enrolled({
          "fleet-baseline.io/rollout-stage": "observe",
          "config.linkerd.io/default-inbound-policy": "audit",
        }),
      ]),
    ).toEqual([]);
  });
});
