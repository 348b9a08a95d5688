import { isBinding, roleRefOf, subjectsOf } from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

export const ztRbac003 = defineRule({
  id: "ZT-RBAC-003",
  title: "No cluster-admin / system:masters outside break-glass",
  severity: "error",
  fix: "Bind a least-privilege role instead; the documented break-glass binding carries an exception for ZT-RBAC-003.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (!isBinding(object)) continue;
      const ref = roleRefOf(object);
      if (ref.kind === "ClusterRole" && ref.name === "cluster-admin") {
        ctx.report(
          object,
          object.kind === "RoleBinding"
            ? "binds cluster-admin in its namespace (namespace-admin of everything there); bind a narrower role"
            : "binds cluster-admin; bind a narrower role",
        );
      }
      if (subjectsOf(object).some((s) => s.kind === "Group" && s.name === "system:masters")) {
        ctx.report(object, "grants to group system:masters; remove that subject");
      }
    }
  },
});
