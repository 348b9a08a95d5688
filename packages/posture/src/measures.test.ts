import { describe, expect, it } from "vitest";
import { deployment, namespace, netpol, object, report } from "./_test-utils.ts";

const deny = (ns: string) =>
  netpol(ns, "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });

describe("adoption measures", () => {
  it("ZT-M-001 counts namespaces with both directions denied (ingress-only does not count)", () => {
    const ingressOnly = netpol("b", "deny", { podSelector: {}, ingress: [], egress: [] });
    const m = report([
      namespace("a"),
      namespace("b"),
      namespace("kube-system"),
      deny("a"),
      ingressOnly,
    ]).measures;
    expect(m.defaultDenyCoverage).toEqual({ passing: 1, total: 2, ratio: 0.5 });
    expect(m.namespaces.a?.defaultDeny).toBe(true);
    expect(m.namespaces.b?.defaultDeny).toBe(false);
    expect(m.namespaces["kube-system"]).toBeUndefined();
  });

  it("ZT-M-002 counts meshed workloads with effective STRICT on all ports", () => {
    const mesh = object("security.istio.io/v1", "PeerAuthentication", "istio-system", "default", {
      mtls: { mode: "STRICT" },
    });
    const weak = object("security.istio.io/v1", "PeerAuthentication", "web", "weak", {
      selector: { matchLabels: { app: "b" } },
      mtls: { mode: "PERMISSIVE" },
    });
    const m = report([
      namespace("web", { "istio-injection": "enabled" }),
      namespace("off"),
      mesh,
      weak,
      deployment("web", "a"),
      deployment("web", "b"),
      deployment("off", "c"),
    ]).measures;
    expect(m.mtlsCoverage).toEqual({ passing: 1, total: 3, ratio: 0.3333 });
    expect(m.namespaces.web?.mtls).toEqual({ passing: 1, total: 2, ratio: 0.5 });
  });

  it("ZT-M-003 weighs wildcard grants 5 against harmless ones", () => {
    const role = (name: string, rules: unknown[]) => ({
      ...object("rbac.authorization.k8s.io/v1", "Role", "web", name, undefined),
      rules,
    });
    const bind = (name: string) => ({
      ...object("rbac.authorization.k8s.io/v1", "RoleBinding", "web", name, undefined),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
      subjects: [{ kind: "ServiceAccount", name: "api", namespace: "web" }],
    });
    const objs = [
      role("wild", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
      role("read", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]),
      bind("wild"),
      bind("read"),
    ];
    const m = report(objs).measures;
    expect(m.rbacScore).toEqual({ riskyWeight: 5, totalWeight: 6, score: 0.1667 });
    expect(m.namespaces.web?.rbac.score).toBe(0.1667);
  });

  it("ZT-M-004 splits open findings by control and stage; ZT-M-005 lists enforcing controls and open exceptions", () => {
    const ns = namespace("web", {}, { "fleet-baseline.io/rollout-stage": "audit" });
    const svc = object("v1", "Service", "web", "lb", { type: "NodePort" });
    const cp = object(
      "kyverno.io/v1",
      "ClusterPolicy",
      undefined,
      "p",
      { rules: [{ name: "r", validate: { failureAction: "Enforce" } }] },
      { annotations: { "fleet-baseline.io/controls": "ZT-PSS-004,ZT-PSS-005" } },
    );
    const gk = object(
      "constraints.gatekeeper.sh/v1beta1",
      "K8sRequiredLabels",
      undefined,
      "c",
      { enforcementAction: "dryrun" },
      {
        annotations: {
          "fleet-baseline.io/controls": "ZT-ADM-007",
          "fleet-baseline.io/exception-controls": "ZT-ADM-002",
          "fleet-baseline.io/exception-owner": "platform",
          "fleet-baseline.io/exception-ticket": "SEC-4",
          "fleet-baseline.io/exception-expires": "2026-12-22",
        },
      },
    );
    const m = report([ns, svc, cp, gk], { controls: ["ZT-NET-009", "ZT-ADM-002"] }).measures;
    expect(m.violations.byControl["ZT-NET-009"]).toEqual({ observe: 0, audit: 1, enforce: 0 });
    expect(m.enforcement.controls).toEqual(["ZT-ADM-007", "ZT-PSS-004", "ZT-PSS-005"]);
    expect(m.enforcement.enforcing).toEqual(["ZT-PSS-004", "ZT-PSS-005"]);
    expect(m.enforcement.ratio).toBe(0.6667);
    expect(m.enforcement.exceptions).toEqual([
      {
        apiVersion: "constraints.gatekeeper.sh/v1beta1",
        kind: "K8sRequiredLabels",
        namespace: "",
        name: "c",
        controls: ["ZT-ADM-002"],
        owner: "platform",
        ticket: "SEC-4",
        expires: "2026-12-22",
        daysToExpiry: 29,
      },
    ]);
  });
});
