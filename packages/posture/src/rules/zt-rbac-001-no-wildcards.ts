import { hasWildcard, isRole, rulesOf } from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

export const ztRbac001 = defineRule({
  id: "ZT-RBAC-001",
  title: "No wildcards",
  severity: "error",
  fix: "List the exact verbs, resources, apiGroups and nonResourceURLs the role needs.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (!isRole(object) || (object.metadata.name ?? "").startsWith("system:")) continue;
      if (object.aggregationRule !== undefined) continue; // rules are filled by the controller
      rulesOf(object).forEach((rule, i) => {
        const fields = hasWildcard(rule);
        if (fields.length)
          ctx.report(
            object,
            `rule ${i} uses a wildcard in ${fields.join(", ")}; list exact values`,
          );
      });
    }
  },
});
