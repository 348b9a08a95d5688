import type { KubeObject } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import { diffObjects } from "./diff.ts";

const owned = { "app.kubernetes.io/managed-by": "fleet-baseline" };
const weakens = (desired: KubeObject, live: KubeObject) =>
  diffObjects([desired], [live]).changes.map((c) => [c.path, c.weakens]);
const object = (
  apiVersion: string,
  kind: string,
  rest: object,
  namespace?: string,
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: "x", ...(namespace ? { namespace } : {}), labels: owned },
  ...rest,
});

describe("weakened controls", () => {
  it("ServiceAccount token automount", () => {
    expect(
      weakens(
        object("v1", "ServiceAccount", { automountServiceAccountToken: false }, "shop"),
        object("v1", "ServiceAccount", { automountServiceAccountToken: true }, "shop"),
      ),
    ).toEqual([["/automountServiceAccountToken", ["ZT-ID-002"]]]);
  });

  it("Service exposure", () => {
    expect(
      weakens(
        object("v1", "Service", { spec: { ports: [{ port: 80 }] } }, "shop"),
        object("v1", "Service", { spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }, "shop"),
      ).map(([path, ids]) => [path, ids]),
    ).toContainEqual(["/spec/type", ["ZT-NET-009"]]);
  });

  it("Gatekeeper constraint enforcement and match", () => {
    const constraint = (spec: object) =>
      object("constraints.gatekeeper.sh/v1beta1", "K8sRequiredLabels", { spec });
    expect(
      weakens(
        constraint({ enforcementAction: "deny", match: { excludedNamespaces: ["kube-system"] } }),
        constraint({
          enforcementAction: "dryrun",
          match: { excludedNamespaces: ["kube-system", "shop"] },
        }),
      ),
    ).toEqual([
      ["/spec/enforcementAction", ["ZT-ADM-002"]],
      ["/spec/match/excludedNamespaces", ["ZT-ADM-008"]],
    ]);
  });

  it("Kyverno CEL policy failure policy and actions", () => {
    const policy = (spec: object) => object("policies.kyverno.io/v1", "ValidatingPolicy", { spec });
    expect(
      weakens(
        policy({ failurePolicy: "Fail", validationActions: ["Deny", "Audit"] }),
        policy({ failurePolicy: "Ignore", validationActions: ["Audit"] }),
      ),
    ).toEqual([
      ["/spec/failurePolicy", ["ZT-ADM-003"]],
      ["/spec/validationActions", ["ZT-ADM-001"]],
    ]);
  });
});
