import { describe, expect, it } from "vitest";
import { deployment, failing, namespace, netpol, object, run } from "../_test-utils.ts";

const ns = namespace("web");
const app = deployment("web", "api");

describe("ZT-NET-001 default-deny ingress", () => {
  it("fails a namespace without any policy, and one whose only policy is label-scoped", () => {
    expect(failing(run("ZT-NET-001", [ns, app]))).toEqual([
      'Namespace "web": no policy puts every pod in ingress default-deny; add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress]` and no ingress rules',
    ]);
    const scoped = netpol("web", "deny", {
      podSelector: { matchLabels: { app: "api" } },
      policyTypes: ["Ingress"],
    });
    expect(failing(run("ZT-NET-001", [ns, app, scoped]))).toHaveLength(1);
  });

  it("passes `{podSelector: {}, ingress: [], egress: []}` without policyTypes (ingress-only deny)", () => {
    const p = netpol("web", "deny", { podSelector: {}, ingress: [], egress: [] });
    expect(run("ZT-NET-001", [ns, app, p])).toEqual([]);
  });

  it("does not count an egress-only policy or a policy with an allow rule", () => {
    const egressOnly = netpol("web", "deny", { podSelector: {}, policyTypes: ["Egress"] });
    expect(failing(run("ZT-NET-001", [ns, egressOnly]))).toHaveLength(1);
    const allow = netpol("web", "deny", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{}],
    });
    expect(failing(run("ZT-NET-001", [ns, allow]))).toHaveLength(1);
  });

  it("accepts a Cilium policy with an empty endpointSelector and enableDefaultDeny", () => {
    const cnp = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "deny", {
      endpointSelector: {},
      enableDefaultDeny: { ingress: true, egress: true },
    });
    expect(run("ZT-NET-001", [ns, cnp])).toEqual([]);
    const empty = object("cilium.io/v2", "CiliumNetworkPolicy", "web", "deny", {
      endpointSelector: {},
      ingress: [],
    });
    expect(failing(run("ZT-NET-001", [ns, empty]))).toHaveLength(1);
  });

  it("accepts a Calico GlobalNetworkPolicy whose selector covers the namespace", () => {
    const gnp = object("projectcalico.org/v3", "GlobalNetworkPolicy", undefined, "guard", {
      namespaceSelector: 'kubernetes.io/metadata.name not in {"kube-system"}',
      types: ["Ingress", "Egress"],
    });
    expect(run("ZT-NET-001", [ns, gnp])).toEqual([]);
  });

  it("is waived by a complete exception on the Namespace and downgraded in observe", () => {
    const excepted = namespace(
      "web",
      {},
      {
        "fleet-baseline.io/exception-controls": "ZT-NET-001",
        "fleet-baseline.io/exception-owner": "team-web",
        "fleet-baseline.io/exception-ticket": "SEC-1",
        "fleet-baseline.io/exception-expires": "2027-01-31",
      },
    );
    expect(run("ZT-NET-001", [excepted]).map((f) => f.status)).toEqual(["excepted"]);
    const observe = namespace("web", {}, { "fleet-baseline.io/rollout-stage": "observe" });
    expect(run("ZT-NET-001", [observe]).map((f) => f.severity)).toEqual(["info"]);
  });

  it("skips system namespaces", () => {
    expect(run("ZT-NET-001", [namespace("kube-system")])).toEqual([]);
  });
});

describe("ZT-NET-001 with a namespaced Calico policy", () => {
  it("accepts `selector: all()` with types [Ingress] and no Allow rule, not a labelled selector", () => {
    const cal = (selector: string, ingress: unknown[] = []) =>
      object("projectcalico.org/v3", "NetworkPolicy", "web", "deny", {
        selector,
        types: ["Ingress", "Egress"],
        ingress,
      });
    expect(run("ZT-NET-001", [namespace("web"), cal("all()")])).toEqual([]);
    expect(failing(run("ZT-NET-001", [namespace("web"), cal("app == 'api'")]))).toHaveLength(1);
    expect(
      failing(run("ZT-NET-001", [namespace("web"), cal("all()", [{ action: "Allow" }])])),
    ).toHaveLength(1);
  });
});
