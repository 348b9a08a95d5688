import { describe, expect, it } from "vitest";
import { exceptionAnnotations, failing, namespace, object, run } from "../_test-utils.ts";

const tag = { annotations: { "fleet-baseline.io/controls": "ZT-PSS-004" } };
const ns = [namespace("web"), namespace("payments")];
const enforce = { failureAction: "Enforce", pattern: {} };
const kyverno = (exclude: string[]) =>
  object(
    "kyverno.io/v1",
    "ClusterPolicy",
    undefined,
    "p",
    {
      rules: [
        {
          name: "r",
          match: {},
          exclude: { any: [{ resources: { namespaces: exclude } }] },
          validate: enforce,
        },
      ],
    },
    tag,
  );
const exception = exceptionAnnotations("ZT-ADM-008");

describe("ZT-ADM-008 no blanket excludes", () => {
  it("expands wildcard excludes against tenant namespaces", () => {
    const gk = object(
      "constraints.gatekeeper.sh/v1beta1",
      "K8sPSPCapabilities",
      undefined,
      "c",
      { match: { excludedNamespaces: ["kube-system", "w*"] } },
      tag,
    );
    expect(failing(run("ZT-ADM-008", [...ns, kyverno(["kube-*", "pay*"]), gk]))).toEqual([
      'ClusterPolicy "p": rule "r" excludes tenant namespaces [payments]',
      'K8sPSPCapabilities "c": excludedNamespaces covers tenant namespaces [web]',
    ]);
  });

  it("passes excludes of system namespaces only", () => {
    expect(run("ZT-ADM-008", [...ns, kyverno(["kube-system", "istio-system"])])).toEqual([]);
  });

  it("reports a namespace no policy reaches, waivable by a per-control exception on it", () => {
    const objs = [namespace("web"), namespace("payments", {}, exception), kyverno(["pay*"])];
    expect(run("ZT-ADM-008", objs).map((f) => [f.kind, f.name, f.status])).toEqual([
      ["ClusterPolicy", "p", "fail"],
      ["Namespace", "payments", "excepted"],
    ]);
  });
});

describe("ZT-ADM-008 enforcing coverage of pod-level controls", () => {
  const vp = (name: string, controls: string, spec: Record<string, unknown>) =>
    object("policies.kyverno.io/v1", "ValidatingPolicy", undefined, name, spec, {
      annotations: { "fleet-baseline.io/controls": controls },
    });
  const pods = {
    resourceRules: [
      { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] },
    ],
  };
  const selector = (values: string[]) => ({
    matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values }],
  });

  it("passes an enforcing ValidatingPolicy matching pods", () => {
    expect(
      run("ZT-ADM-008", [
        ...ns,
        vp("ro", "ZT-PSS-012", { matchConstraints: pods, validationActions: ["Deny"] }),
      ]),
    ).toEqual([]);
  });

  it("fails a pod-level control whose only policy audits, or matches no Pods", () => {
    expect(
      failing(
        run("ZT-ADM-008", [
          ...ns,
          vp("ro", "ZT-PSS-012", { matchConstraints: pods, validationActions: ["Audit"] }),
        ]),
      ),
    ).toEqual([
      'Cluster "test": ZT-PSS-012 is tagged on admission policies, but none enforces it on Pods in an enforce stage',
    ]);
    const svcOnly = {
      resourceRules: [
        { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"] },
      ],
    };
    expect(
      failing(
        run("ZT-ADM-008", [
          ...ns,
          vp("ro", "ZT-PSS-012", { matchConstraints: svcOnly, validationActions: ["Deny"] }),
        ]),
      ),
    ).toHaveLength(1);
  });

  it("takes the union of stage variants: each namespace needs some policy for the control", () => {
    const web = vp("ro-enforce", "ZT-PSS-012", {
      matchConstraints: { ...pods, namespaceSelector: selector(["web"]) },
      validationActions: ["Deny"],
    });
    const pay = vp("ro-audit", "ZT-PSS-012", {
      matchConstraints: { ...pods, namespaceSelector: selector(["payments"]) },
      validationActions: ["Audit"],
    });
    expect(run("ZT-ADM-008", [...ns, web, pay])).toEqual([]);
    expect(failing(run("ZT-ADM-008", [...ns, web]))).toEqual([
      'Namespace "payments": no admission policy for ZT-PSS-012 applies to this namespace (namespace lists, selectors or excludes leave it out)',
    ]);
  });
});
