import { describe, expect, it } from "vitest";
import { failing, namespace, netpol, object, run } from "../_test-utils.ts";

const ns = namespace("web");

describe("ZT-NET-004 no allow-all peers", () => {
  it("flags a `{}` rule, `namespaceSelector: {}` alone and ingress 0.0.0.0/0", () => {
    const p = netpol("web", "p", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [
        {},
        { from: [{ namespaceSelector: {} }] },
        { from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] },
      ],
    });
    expect(failing(run("ZT-NET-004", [ns, p]))).toEqual([
      'NetworkPolicy "p" (web): ingress rule 0 has no from: it allows every source',
      'NetworkPolicy "p" (web): ingress rule 1 peer 0 is `namespaceSelector: {}` without a podSelector: every pod of every namespace',
      'NetworkPolicy "p" (web): ingress rule 2 peer 0 allows ipBlock 0.0.0.0/0: every source',
    ]);
  });

  it("passes `namespaceSelector: {}` ANDed with a podSelector and named peers", () => {
    const p = netpol("web", "p", {
      podSelector: {},
      ingress: [
        {
          from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: "gw" } } }],
          ports: [{ port: 8080 }],
        },
      ],
    });
    expect(run("ZT-NET-004", [ns, p])).toEqual([]);
  });

  it("ignores egress rules of a policy whose effective types exclude Egress", () => {
    const p = netpol("web", "p", { podSelector: {}, policyTypes: ["Ingress"], egress: [{}] });
    expect(run("ZT-NET-004", [ns, p])).toEqual([]);
  });

  it("flags Cilium fromEntities world and Calico Allow without a source", () => {
    const cnp = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "c", {
      endpointSelector: {},
      ingress: [{ fromEntities: ["world"] }],
    });
    const cal = object("projectcalico.org/v3", "NetworkPolicy", "web", "k", {
      types: ["Ingress"],
      ingress: [{ action: "Allow" }, { action: "Allow", source: { selector: "app == 'gw'" } }],
    });
    expect(failing(run("ZT-NET-004", [ns, cnp, cal]))).toEqual([
      'CiliumNetworkPolicy "c" (web): ingress rule 0 allows fromEntities world',
      'NetworkPolicy "k" (web): ingress rule 0 is `action: Allow` with no source selector: it allows every source',
    ]);
  });
});
