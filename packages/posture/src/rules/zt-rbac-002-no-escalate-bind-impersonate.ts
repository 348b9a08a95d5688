import { grantedVerbs, type Permission, tenantRoleRules } from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

const RBAC = "rbac.authorization.k8s.io";
const CHECKS: Permission[] = [
  { group: RBAC, resource: "roles", verbs: ["escalate", "bind", "create", "update", "patch"] },
  {
    group: RBAC,
    resource: "clusterroles",
    verbs: ["escalate", "bind", "create", "update", "patch"],
  },
  { group: RBAC, resource: "rolebindings", verbs: ["create", "update", "patch"] },
  { group: RBAC, resource: "clusterrolebindings", verbs: ["create", "update", "patch"] },
  { group: "", resource: "users", verbs: ["impersonate"] },
  { group: "", resource: "groups", verbs: ["impersonate"] },
  { group: "", resource: "serviceaccounts", verbs: ["impersonate"] },
  { group: "authentication.k8s.io", resource: "uids", verbs: ["impersonate"] },
  { group: "authentication.k8s.io", resource: "userextras", verbs: ["impersonate"] },
];

export const ztRbac002 = defineRule({
  id: "ZT-RBAC-002",
  title: "No escalate, bind, impersonate",
  severity: "error",
  fix: "Remove escalate/bind/impersonate and writes to (Cluster)Roles and (Cluster)RoleBindings from tenant roles.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { role, rule, index } of tenantRoleRules(ctx.cluster)) {
      for (const c of CHECKS) {
        const verbs = grantedVerbs(rule, c);
        if (verbs.length)
          ctx.report(
            role,
            `rule ${index} grants ${verbs.join(", ")} on ${c.resource}, which bypasses RBAC escalation checks`,
          );
      }
    }
  },
});
