import { grants, isRole, isTenantRole, rulesOf } from "../_rbac.ts";
import { strs } from "../_util.ts";
import { defineRule } from "../rule.ts";

export const ztRbac005 = defineRule({
  id: "ZT-RBAC-005",
  title: "Minimal Secret access",
  severity: "error",
  fix: "Grant only `get` on Secrets, with resourceNames; never list or watch.",
  stage: "none",
  stageNote: "Unchanged: RBAC is not staged.",
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (!isRole(object) || !isTenantRole(ctx.cluster, object)) continue;
      rulesOf(object).forEach((rule, i) => {
        const bulk = ["list", "watch"].filter((v) => grants(rule, "", "secrets", v));
        if (bulk.length)
          ctx.report(
            object,
            `rule ${i} grants ${bulk.join(", ")} on secrets, which returns every secret's data`,
          );
        if (grants(rule, "", "secrets", "get") && strs(rule.resourceNames).length === 0) {
          ctx.report(
            object,
            `rule ${i} grants get on secrets without resourceNames; name the secrets`,
          );
        }
      });
    }
  },
});
