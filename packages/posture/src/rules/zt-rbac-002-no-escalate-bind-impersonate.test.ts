import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const cr = (name: string, rules: unknown[]) => ({
  ...object("rbac.authorization.k8s.io/v1", "ClusterRole", undefined, name, undefined),
  rules,
});

describe("ZT-RBAC-002 no escalate/bind/impersonate", () => {
  it("flags escalate, bind, impersonate, binding writes and their wildcard forms", () => {
    const r = cr("tenant", [
      {
        apiGroups: ["rbac.authorization.k8s.io"],
        resources: ["clusterroles"],
        verbs: ["bind", "escalate"],
      },
      { apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] },
      { apiGroups: ["*"], resources: ["rolebindings"], verbs: ["*"] },
    ]);
    expect(failing(run("ZT-RBAC-002", [r]))).toEqual([
      'ClusterRole "tenant": rule 0 grants escalate, bind on clusterroles, which bypasses RBAC escalation checks',
      'ClusterRole "tenant": rule 1 grants impersonate on groups, which bypasses RBAC escalation checks',
      'ClusterRole "tenant": rule 1 grants impersonate on users, which bypasses RBAC escalation checks',
      'ClusterRole "tenant": rule 2 grants create, update, patch on rolebindings, which bypasses RBAC escalation checks',
    ]);
  });

  it("passes read-only roles and platform roles bound only to system-namespace ServiceAccounts", () => {
    const ro = cr("reader", [
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["get"] },
    ]);
    const platform = cr("kyverno-admin", [
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"] },
    ]);
    const binding = {
      ...object(
        "rbac.authorization.k8s.io/v1",
        "ClusterRoleBinding",
        undefined,
        "kyverno-admin",
        undefined,
      ),
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "kyverno-admin",
      },
      subjects: [{ kind: "ServiceAccount", name: "kyverno", namespace: "kyverno" }],
    };
    expect(run("ZT-RBAC-002", [ro, platform, binding])).toEqual([]);
  });
});
