import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

const rb = (roleKind: string, role: string, subjects: unknown[]) => ({
  ...object("rbac.authorization.k8s.io/v1", "RoleBinding", "web", "b", undefined),
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: role },
  subjects,
});

describe("ZT-RBAC-009 bindings resolve", () => {
  it("flags a missing Role, a missing SA and an SA in a namespace that does not exist", () => {
    const b = rb("Role", "ghost", [
      { kind: "ServiceAccount", name: "api", namespace: "web" },
      { kind: "ServiceAccount", name: "x", namespace: "gone" },
    ]);
    expect(failing(run("ZT-RBAC-009", [namespace("web"), b]))).toEqual([
      'RoleBinding "b" (web): roleRef Role "ghost" is not rendered in "web"',
      'RoleBinding "b" (web): subject ServiceAccount gone/x is in namespace "gone", which is not rendered: a latent grant to whoever creates it',
      'RoleBinding "b" (web): subject ServiceAccount web/api is not rendered: a latent grant to whoever creates it',
    ]);
  });

  it("resolves built-in ClusterRoles, rendered SAs and the implicit default SA", () => {
    const sa = object("v1", "ServiceAccount", "web", "api", undefined);
    const b = rb("ClusterRole", "view", [
      { kind: "ServiceAccount", name: "api", namespace: "web" },
      { kind: "ServiceAccount", name: "default", namespace: "web" },
    ]);
    expect(run("ZT-RBAC-009", [namespace("web"), sa, b])).toEqual([]);
  });
});
