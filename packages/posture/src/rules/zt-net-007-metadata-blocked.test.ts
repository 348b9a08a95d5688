import { describe, expect, it } from "vitest";
import { failing, namespace, netpol, object, run } from "../_test-utils.ts";

const ns = namespace("web");
const deny = netpol("web", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });

describe("ZT-NET-007 metadata endpoint blocked", () => {
  it("fails a namespace without egress isolation", () => {
    expect(failing(run("ZT-NET-007", [ns]))[0]).toMatch(/not egress-isolated/);
  });

  it("fails an ipBlock containing the address unless except removes it", () => {
    const wide = netpol("web", "out", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "169.254.0.0/16" } }] }],
    });
    expect(failing(run("ZT-NET-007", [ns, deny, wide]))).toEqual([
      'NetworkPolicy "out" (web): egress rule 0 peer 0 ipBlock 169.254.0.0/16 admits 169.254.169.254; add it to except',
    ]);
    const excepted = netpol("web", "out", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "169.254.0.0/16", except: ["169.254.169.254/32"] } }] }],
    });
    expect(run("ZT-NET-007", [ns, deny, excepted])).toEqual([]);
  });

  it("understands IPv6 ::/0 and fd00:ec2::254", () => {
    const v6 = netpol("web", "out", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [{ to: [{ ipBlock: { cidr: "::/0" } }] }],
    });
    expect(failing(run("ZT-NET-007", [ns, deny, v6]))[0]).toMatch(/admits fd00:ec2::254/);
  });

  it("is satisfied cluster-wide by a Calico deny on the metadata address", () => {
    const gnp = object("projectcalico.org/v3", "GlobalNetworkPolicy", undefined, "meta", {
      types: ["Egress"],
      egress: [
        { action: "Deny", destination: { nets: ["169.254.169.254/32"] } },
        { action: "Pass" },
      ],
    });
    expect(run("ZT-NET-007", [ns, gnp])).toEqual([]);
  });
});
