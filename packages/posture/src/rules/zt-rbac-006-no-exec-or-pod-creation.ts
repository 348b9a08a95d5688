import { describeSubject, grants, isBinding, resolveRole, rulesOf, subjectsOf } from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

const CHECKS: { group: string; resource: string; verbs: string[] }[] = [
  { group: "", resource: "pods", verbs: ["create"] },
  { group: "apps", resource: "deployments", verbs: ["create"] },
  { group: "apps", resource: "replicasets", verbs: ["create"] },
  { group: "apps", resource: "statefulsets", verbs: ["create"] },
  { group: "apps", resource: "daemonsets", verbs: ["create"] },
  { group: "batch", resource: "jobs", verbs: ["create"] },
  { group: "batch", resource: "cronjobs", verbs: ["create"] },
  { group: "", resource: "pods/exec", verbs: ["create", "get"] },
  { group: "", resource: "pods/attach", verbs: ["create", "get"] },
  { group: "", resource: "pods/portforward", verbs: ["create", "get"] },
];

export const ztRbac006 = defineRule({
  id: "ZT-RBAC-006",
  title: "No exec/attach/port-forward or pod creation for workloads",
  severity: "error",
  fix: "Do not grant workload ServiceAccounts create on pods or controllers, or pods/exec, pods/attach, pods/portforward.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (!isBinding(object)) continue;
      const sas = subjectsOf(object).filter(
        (s) => s.kind === "ServiceAccount" && !ctx.cluster.isSystem(s.namespace),
      );
      if (sas.length === 0) continue;
      const role = resolveRole(ctx.cluster, object);
      if (!role) continue;
      const granted = new Set<string>();
      for (const rule of rulesOf(role)) {
        for (const c of CHECKS)
          for (const v of c.verbs)
            if (grants(rule, c.group, c.resource, v)) granted.add(`${v} ${c.resource}`);
      }
      if (granted.size === 0) continue;
      for (const s of sas) {
        ctx.report(
          object,
          `gives ${describeSubject(s)} ${[...granted].join(", ")} through ${role.kind} "${role.metadata.name ?? ""}"`,
        );
      }
    }
  },
});
