import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const binding = (kind: string, ns: string | undefined, subjectNs: string) => ({
  ...object("rbac.authorization.k8s.io/v1", kind, ns, "b", undefined),
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
  subjects: [{ kind: "ServiceAccount", name: "api", namespace: subjectNs }],
});

describe("ZT-RBAC-008 namespace-scoped grants", () => {
  it("flags ClusterRoleBindings and cross-namespace RoleBindings for tenant ServiceAccounts", () => {
    expect(
      failing(
        run("ZT-RBAC-008", [
          binding("ClusterRoleBinding", undefined, "web"),
          binding("RoleBinding", "payments", "web"),
        ]),
      ),
    ).toEqual([
      'ClusterRoleBinding "b": grants cluster-wide to tenant ServiceAccount web/api; use a RoleBinding in "web"',
      'RoleBinding "b" (payments): grants in "payments" to ServiceAccount web/api from another namespace; bind it in its own namespace',
    ]);
  });

  it("passes a RoleBinding (to a ClusterRole template) in the SA's own namespace, and platform SAs", () => {
    expect(
      run("ZT-RBAC-008", [
        binding("RoleBinding", "web", "web"),
        binding("ClusterRoleBinding", undefined, "kyverno"),
      ]),
    ).toEqual([]);
  });
});
