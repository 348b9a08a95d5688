import { describeSubject, isBinding, subjectsOf } from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

export const ztRbac008 = defineRule({
  id: "ZT-RBAC-008",
  title: "Namespace-scoped grants for workloads",
  severity: "error",
  fix: "Grant tenant ServiceAccounts permissions only through RoleBindings in their own namespace.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (!isBinding(object)) continue;
      const ns = object.metadata.namespace ?? "";
      for (const s of subjectsOf(object)) {
        if (s.kind !== "ServiceAccount" || ctx.cluster.isSystem(s.namespace)) continue;
        if (object.kind === "ClusterRoleBinding") {
          ctx.report(
            object,
            `grants cluster-wide to tenant ${describeSubject(s)}; use a RoleBinding in "${s.namespace}"`,
          );
        } else if (s.namespace !== ns) {
          ctx.report(
            object,
            `grants in "${ns}" to ${describeSubject(s)} from another namespace; bind it in its own namespace`,
          );
        }
      }
    }
  },
});
