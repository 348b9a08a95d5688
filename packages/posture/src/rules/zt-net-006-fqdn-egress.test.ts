import { describe, expect, it } from "vitest";
import { failing, namespace, netpol, object, run } from "../_test-utils.ts";

const ns = namespace("web");

describe("ZT-NET-006 FQDN egress only", () => {
  it("fails egress 0.0.0.0/0 even with except, passes a narrow CIDR", () => {
    const p = netpol("web", "p", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] },
        { to: [{ ipBlock: { cidr: "10.1.0.0/16" } }] },
      ],
    });
    expect(failing(run("ZT-NET-006", [ns, p]))).toHaveLength(1);
  });

  it("fails Cilium world and matchPattern *, warns toFQDNs without a DNS rule", () => {
    const cnp = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "c", {
      endpointSelector: {},
      egress: [{ toEntities: ["world"] }, { toFQDNs: [{ matchPattern: "*" }] }],
    });
    const got = run("ZT-NET-006", [ns, cnp]);
    expect(got.map((f) => f.severity).sort()).toEqual(["error", "error", "warning"]);
  });

  it("passes toFQDNs matchName with a DNS visibility rule", () => {
    const cnp = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "c", {
      endpointSelector: {},
      egress: [
        { toFQDNs: [{ matchName: "api.stripe.com" }] },
        {
          toEndpoints: [
            {
              matchLabels: { "io.kubernetes.pod.namespace": "kube-system", "k8s-app": "kube-dns" },
            },
          ],
          toPorts: [
            { ports: [{ port: "53" }], rules: { dns: [{ matchPattern: "*.stripe.com" }] } },
          ],
        },
      ],
    });
    expect(run("ZT-NET-006", [ns, cnp])).toEqual([]);
  });
});
