import {
  BUILTIN_CLUSTER_ROLES,
  describeSubject,
  isBinding,
  resolveRole,
  roleRefOf,
  subjectsOf,
} from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

export const ztRbac009 = defineRule({
  id: "ZT-RBAC-009",
  title: "Bindings resolve",
  severity: "error",
  fix: "Render the referenced role and ServiceAccounts (and their namespaces), or remove the dangling reference.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    const c = ctx.cluster;
    const namespaces = new Set(c.knownNamespaces());
    for (const { object } of c.entries) {
      if (!isBinding(object)) continue;
      const ref = roleRefOf(object);
      const builtin =
        ref.kind === "ClusterRole" &&
        (BUILTIN_CLUSTER_ROLES.has(ref.name) || ref.name.startsWith("system:"));
      if (!builtin && !resolveRole(c, object)) {
        ctx.report(
          object,
          `roleRef ${ref.kind} "${ref.name}" is not rendered${ref.kind === "Role" ? ` in "${object.metadata.namespace ?? ""}"` : ""}`,
        );
      }
      for (const s of subjectsOf(object)) {
        if (s.kind !== "ServiceAccount" || c.isSystem(s.namespace)) continue;
        if (!namespaces.has(s.namespace)) {
          ctx.report(
            object,
            `subject ${describeSubject(s)} is in namespace "${s.namespace}", which is not rendered: a latent grant to whoever creates it`,
          );
        } else if (
          s.name !== "default" &&
          !c
            .ofKind("ServiceAccount", "")
            .some((sa) => sa.metadata.name === s.name && sa.metadata.namespace === s.namespace)
        ) {
          ctx.report(
            object,
            `subject ${describeSubject(s)} is not rendered: a latent grant to whoever creates it`,
          );
        }
      }
    }
  },
});
