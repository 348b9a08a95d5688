import { describeSubject, isBinding, subjectsOf } from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

const EVERYONE = new Set([
  "system:authenticated",
  "system:unauthenticated",
  "system:anonymous",
  "system:serviceaccounts",
]);

export const ztRbac004 = defineRule({
  id: "ZT-RBAC-004",
  title: "No bindings to everyone-groups",
  severity: "error",
  fix: "Bind named users, groups or ServiceAccounts instead of system:authenticated/unauthenticated/anonymous/serviceaccounts.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (!isBinding(object)) continue;
      for (const s of subjectsOf(object)) {
        if (
          (s.kind === "Group" || s.kind === "User") &&
          (EVERYONE.has(s.name) || s.name.startsWith("system:serviceaccounts:"))
        ) {
          ctx.report(object, `grants to ${describeSubject(s)}, which is effectively everyone`);
        }
      }
    }
  },
});
