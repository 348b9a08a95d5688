import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const cr = {
  ...object("rbac.authorization.k8s.io/v1", "ClusterRole", undefined, "hooks", undefined),
  rules: [
    {
      apiGroups: ["admissionregistration.k8s.io"],
      resources: ["validatingwebhookconfigurations"],
      verbs: ["patch"],
    },
    { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] },
  ],
};
const crb = (subject: Record<string, string>) => ({
  ...object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", undefined, "hooks", undefined),
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "hooks" },
  subjects: [subject],
});

describe("ZT-RBAC-007 sensitive permissions", () => {
  it("flags webhook writes and nodes/proxy bound to a tenant identity", () => {
    expect(
      failing(
        run("ZT-RBAC-007", [cr, crb({ kind: "ServiceAccount", name: "api", namespace: "web" })]),
      ),
    ).toEqual([
      'ClusterRole "hooks": grants patch validatingwebhookconfigurations, get nodes/proxy to non-platform subjects: ServiceAccount web/api',
    ]);
  });

  it("allows platform ServiceAccounts in system namespaces", () => {
    expect(
      run("ZT-RBAC-007", [
        cr,
        crb({ kind: "ServiceAccount", name: "kyverno", namespace: "kyverno" }),
      ]),
    ).toEqual([]);
  });
});
