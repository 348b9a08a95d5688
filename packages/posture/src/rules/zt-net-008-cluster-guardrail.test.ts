import { DEFAULT_FLEET_CONFIG } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

const ns = namespace("web");
const sys = `projectcalico.org/name not in {${DEFAULT_FLEET_CONFIG.systemNamespaces.map((n) => JSON.stringify(n)).join(",")}}`;

describe("ZT-NET-008 cluster-wide guardrail", () => {
  it("passes a Calico GlobalNetworkPolicy with both types that excludes exactly the system list", () => {
    const gnp = object("projectcalico.org/v3", "GlobalNetworkPolicy", undefined, "guard", {
      namespaceSelector: sys,
      types: ["Ingress", "Egress"],
    });
    expect(run("ZT-NET-008", [ns, gnp])).toEqual([]);
  });

  it("fails an ingress-only guardrail and one that locks out system namespaces", () => {
    const ingressOnly = object("projectcalico.org/v3", "GlobalNetworkPolicy", undefined, "guard", {
      namespaceSelector: sys,
      types: ["Ingress"],
    });
    expect(failing(run("ZT-NET-008", [ns, ingressOnly]))[0]).toMatch(
      /does not default-deny egress/,
    );
    const all = object("projectcalico.org/v3", "GlobalNetworkPolicy", undefined, "guard", {
      selector: "all()",
      types: ["Ingress", "Egress"],
    });
    expect(failing(run("ZT-NET-008", [ns, all]))[0]).toMatch(/selects system namespaces/);
  });

  it("does not count a Cilium clusterwide policy with empty rule lists", () => {
    const ccnp = object("cilium.io/v2", "CiliumClusterwideNetworkPolicy", undefined, "guard", {
      endpointSelector: {
        matchExpressions: [
          {
            key: "io.kubernetes.pod.namespace",
            operator: "NotIn",
            values: [...DEFAULT_FLEET_CONFIG.systemNamespaces],
          },
        ],
      },
      ingress: [],
      egress: [],
    });
    expect(run("ZT-NET-008", [ns, ccnp]).map((f) => f.severity)).toEqual(["warning"]);
    const on = {
      ...ccnp,
      spec: { ...(ccnp.spec as object), enableDefaultDeny: { ingress: true, egress: true } },
    };
    expect(run("ZT-NET-008", [ns, on])).toEqual([]);
  });

  it("fails a StagedGlobalNetworkPolicy in an enforce cluster, passes it in observe", () => {
    const staged = object("projectcalico.org/v3", "StagedGlobalNetworkPolicy", undefined, "guard", {
      namespaceSelector: sys,
      types: ["Ingress", "Egress"],
    });
    expect(failing(run("ZT-NET-008", [ns, staged]))[0]).toMatch(/staged policy/);
    const observe = {
      ...staged,
      metadata: {
        ...staged.metadata,
        annotations: { "fleet-baseline.io/rollout-stage": "observe" },
      },
    };
    expect(run("ZT-NET-008", [ns, observe])).toEqual([]);
  });
});
