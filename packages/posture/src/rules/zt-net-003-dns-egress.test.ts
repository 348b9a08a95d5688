import { describe, expect, it } from "vitest";
import { failing, namespace, netpol, object, run } from "../_test-utils.ts";

const ns = namespace("web");
const dnsPeer = {
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
  podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};
const ports = [
  { port: 53, protocol: "UDP" },
  { port: 53, protocol: "TCP" },
];

describe("ZT-NET-003 DNS only to cluster DNS", () => {
  it("passes one peer ANDing the implicit kubernetes.io/metadata.name label and the DNS pods", () => {
    const p = netpol("web", "dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [dnsPeer], ports }],
    });
    expect(run("ZT-NET-003", [ns, p])).toEqual([]);
  });

  it("fails the same selectors split into two ORed peers", () => {
    const p = netpol("web", "dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            { namespaceSelector: dnsPeer.namespaceSelector },
            { podSelector: dnsPeer.podSelector },
          ],
          ports,
        },
      ],
    });
    expect(failing(run("ZT-NET-003", [ns, p]))).toEqual([
      'NetworkPolicy "dns" (web): egress rule 0 peer 0 opens port 53 to a peer without both namespaceSelector and podSelector in the same item (separate items are ORed); put both in one peer',
      'NetworkPolicy "dns" (web): egress rule 0 peer 1 opens port 53 to a peer without both namespaceSelector and podSelector in the same item (separate items are ORed); put both in one peer',
    ]);
  });

  it("fails port 53 with no `to` and an empty namespaceSelector", () => {
    const anyDest = netpol("web", "dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ ports }],
    });
    expect(failing(run("ZT-NET-003", [ns, anyDest]))[0]).toMatch(/any destination/);
    const allNs = netpol("web", "dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ namespaceSelector: {}, podSelector: dnsPeer.podSelector }], ports }],
    });
    expect(failing(run("ZT-NET-003", [ns, allNs]))[0]).toMatch(/every namespace/);
  });

  it("warns when TCP 53 is missing (protocol defaults to TCP when omitted)", () => {
    const udpOnly = netpol("web", "dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [dnsPeer], ports: [{ port: 53, protocol: "UDP" }] }],
    });
    expect(run("ZT-NET-003", [ns, udpOnly]).map((f) => f.severity)).toEqual(["warning"]);
    const defaulted = netpol("web", "dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [dnsPeer], ports: [{ port: 53, protocol: "UDP" }, { port: 53 }] }],
    });
    expect(run("ZT-NET-003", [ns, defaulted])).toEqual([]);
  });

  it("checks Cilium toEndpoints for both the namespace and the DNS pod labels", () => {
    const good = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "dns", {
      endpointSelector: {},
      egress: [
        {
          toEndpoints: [
            {
              matchLabels: { "io.kubernetes.pod.namespace": "kube-system", "k8s-app": "kube-dns" },
            },
          ],
          toPorts: [
            { ports: [{ port: "53", protocol: "ANY" }], rules: { dns: [{ matchPattern: "*" }] } },
          ],
        },
      ],
    });
    expect(run("ZT-NET-003", [ns, good])).toEqual([]);
    const world = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "dns", {
      endpointSelector: {},
      egress: [{ toEntities: ["world"], toPorts: [{ ports: [{ port: "53" }] }] }],
    });
    expect(failing(run("ZT-NET-003", [ns, world]))).toHaveLength(1);
  });
});
