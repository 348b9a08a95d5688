import { grantedVerbs, grants, tenantRoleRules } from "../_rbac.ts";
import { strs } from "../_util.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

export const ztRbac005 = defineRule({
  id: "ZT-RBAC-005",
  title: "Minimal Secret access",
  severity: "error",
  fix: "Grant only `get` on Secrets, with resourceNames; never list or watch.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { role, rule, index } of tenantRoleRules(ctx.cluster)) {
      const bulk = grantedVerbs(rule, { group: "", resource: "secrets", verbs: ["list", "watch"] });
      if (bulk.length)
        ctx.report(
          role,
          `rule ${index} grants ${bulk.join(", ")} on secrets, which returns every secret's data`,
        );
      if (grants(rule, "", "secrets", "get") && strs(rule.resourceNames).length === 0) {
        ctx.report(
          role,
          `rule ${index} grants get on secrets without resourceNames; name the secrets`,
        );
      }
    }
  },
});
