import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const cr = {
  ...object("rbac.authorization.k8s.io/v1", "ClusterRole", undefined, "debugger", undefined),
  rules: [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }],
};
const rb = (subjectNs: string) => ({
  ...object("rbac.authorization.k8s.io/v1", "RoleBinding", "web", "b", undefined),
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "debugger" },
  subjects: [{ kind: "ServiceAccount", name: "api", namespace: subjectNs }],
});

describe("ZT-RBAC-006 no exec or pod creation", () => {
  it("resolves a RoleBinding to a ClusterRole and flags pods/exec for a workload ServiceAccount", () => {
    expect(failing(run("ZT-RBAC-006", [cr, rb("web")]))).toEqual([
      'RoleBinding "b" (web): gives ServiceAccount web/api create pods/exec through ClusterRole "debugger"',
    ]);
  });

  it("passes harmless roles and platform ServiceAccounts", () => {
    const view = {
      ...cr,
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
    };
    expect(run("ZT-RBAC-006", [view, rb("web")])).toEqual([]);
    expect(run("ZT-RBAC-006", [cr, rb("kube-system")])).toEqual([]);
  });
});
