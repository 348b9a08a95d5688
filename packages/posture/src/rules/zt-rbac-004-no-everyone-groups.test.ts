import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const binding = (subjects: unknown[]) => ({
  ...object("rbac.authorization.k8s.io/v1", "RoleBinding", "web", "b", undefined),
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" },
  subjects,
});

describe("ZT-RBAC-004 no everyone-groups", () => {
  it("flags system:authenticated, system:anonymous and system:serviceaccounts:<ns>", () => {
    const b = binding([
      { kind: "Group", name: "system:authenticated" },
      { kind: "User", name: "system:anonymous" },
      { kind: "Group", name: "system:serviceaccounts:web" },
    ]);
    expect(failing(run("ZT-RBAC-004", [b]))).toHaveLength(3);
  });

  it("passes named subjects", () => {
    expect(
      run("ZT-RBAC-004", [
        binding([
          { kind: "Group", name: "team-web" },
          { kind: "ServiceAccount", name: "api", namespace: "web" },
        ]),
      ]),
    ).toEqual([]);
  });
});
