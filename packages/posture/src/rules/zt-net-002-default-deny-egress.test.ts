import { describe, expect, it } from "vitest";
import { failing, namespace, netpol, object, run } from "../_test-utils.ts";

const ns = namespace("web");

describe("ZT-NET-002 default-deny egress", () => {
  it("does not count `egress: []` without policyTypes (defaulting gives [Ingress] only)", () => {
    const p = netpol("web", "deny", { podSelector: {}, ingress: [], egress: [] });
    expect(failing(run("ZT-NET-002", [ns, p]))).toHaveLength(1);
  });

  it("counts explicit Egress, and egress implied by a DNS-only egress rule", () => {
    const explicit = netpol("web", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(run("ZT-NET-002", [ns, explicit])).toEqual([]);
    const implied = netpol("web", "dns", {
      podSelector: {},
      egress: [{ ports: [{ port: 53, protocol: "UDP" }] }],
    });
    expect(run("ZT-NET-002", [ns, implied])).toEqual([]);
  });

  it("does not count a policy selecting only some pods", () => {
    const p = netpol("web", "deny", {
      podSelector: { matchLabels: { a: "b" } },
      policyTypes: ["Egress"],
    });
    expect(failing(run("ZT-NET-002", [ns, p]))).toHaveLength(1);
  });

  it("reads Cilium: empty egress list does not apply, rules in a direction do", () => {
    const empty = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "p", {
      endpointSelector: {},
      egress: [],
    });
    expect(failing(run("ZT-NET-002", [ns, empty]))).toHaveLength(1);
    const rules = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "p", {
      endpointSelector: {},
      egress: [{ toEndpoints: [{ matchLabels: { app: "db" } }] }],
    });
    expect(run("ZT-NET-002", [ns, rules])).toEqual([]);
    const optOut = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "p", {
      endpointSelector: {},
      egress: [{ toEndpoints: [{}] }],
      enableDefaultDeny: { egress: false },
    });
    expect(failing(run("ZT-NET-002", [ns, optOut]))).toHaveLength(1);
  });

  it("accepts a Cilium clusterwide policy that excludes only system namespaces", () => {
    const ccnp = object("cilium.io/v2", "CiliumClusterwideNetworkPolicy", undefined, "guard", {
      endpointSelector: {
        matchExpressions: [
          { key: "io.kubernetes.pod.namespace", operator: "NotIn", values: ["kube-system"] },
        ],
      },
      enableDefaultDeny: { ingress: true, egress: true },
      egress: [{ toEndpoints: [{}] }],
    });
    expect(run("ZT-NET-002", [ns, ccnp])).toEqual([]);
  });
});
