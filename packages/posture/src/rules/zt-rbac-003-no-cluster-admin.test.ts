import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const binding = (
  kind: string,
  ns: string | undefined,
  role: string,
  subjects: unknown[],
  annotations?: Record<string, string>,
) => ({
  ...object(
    "rbac.authorization.k8s.io/v1",
    kind,
    ns,
    "b",
    undefined,
    annotations ? { annotations } : {},
  ),
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
  subjects,
});

describe("ZT-RBAC-003 no cluster-admin", () => {
  it("flags a RoleBinding to the cluster-admin ClusterRole and system:masters subjects", () => {
    const rb = binding("RoleBinding", "web", "cluster-admin", [
      { kind: "Group", name: "system:masters" },
    ]);
    expect(failing(run("ZT-RBAC-003", [rb]))).toEqual([
      'RoleBinding "b" (web): binds cluster-admin in its namespace (namespace-admin of everything there); bind a narrower role',
      'RoleBinding "b" (web): grants to group system:masters; remove that subject',
    ]);
  });

  it("accepts the break-glass binding with an exception, and narrower roles", () => {
    const bg = binding(
      "ClusterRoleBinding",
      undefined,
      "cluster-admin",
      [{ kind: "Group", name: "breakglass" }],
      {
        "fleet-baseline.io/exception-controls": "ZT-RBAC-003",
        "fleet-baseline.io/exception-owner": "platform",
        "fleet-baseline.io/exception-ticket": "SEC-9",
        "fleet-baseline.io/exception-expires": "2027-06-30",
      },
    );
    expect(run("ZT-RBAC-003", [bg]).map((f) => f.status)).toEqual(["excepted"]);
    expect(
      run("ZT-RBAC-003", [
        binding("RoleBinding", "web", "view", [{ kind: "Group", name: "team" }]),
      ]),
    ).toEqual([]);
  });
});
