import {
  bindingsOf,
  describeSubject,
  grantedVerbs,
  isPlatformSubject,
  isRole,
  type Permission,
  rulesOf,
  subjectsOf,
} from "../_rbac.ts";
import { defineRule, STAGE_NONE_RBAC } from "../rule.ts";

const SENSITIVE: Permission[] = [
  { group: "", resource: "nodes/proxy", verbs: ["get", "create", "update", "patch", "delete"] },
  {
    group: "certificates.k8s.io",
    resource: "certificatesigningrequests/approval",
    verbs: ["update", "patch"],
  },
  { group: "certificates.k8s.io", resource: "signers", verbs: ["approve", "sign"] },
  {
    group: "admissionregistration.k8s.io",
    resource: "validatingwebhookconfigurations",
    verbs: ["create", "update", "patch", "delete"],
  },
  {
    group: "admissionregistration.k8s.io",
    resource: "mutatingwebhookconfigurations",
    verbs: ["create", "update", "patch", "delete"],
  },
  { group: "", resource: "serviceaccounts/token", verbs: ["create"] },
  { group: "", resource: "persistentvolumes", verbs: ["create"] },
];

export const ztRbac007 = defineRule({
  id: "ZT-RBAC-007",
  title: "Sensitive cluster permissions restricted",
  severity: "error",
  fix: "Grant nodes/proxy, CSR approval, webhook configuration writes, serviceaccounts/token and PersistentVolume creation only to platform ServiceAccounts in system namespaces.",
  ...STAGE_NONE_RBAC,
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (!isRole(object)) continue;
      const granted: string[] = [];
      for (const rule of rulesOf(object)) {
        for (const c of SENSITIVE) {
          const verbs = grantedVerbs(rule, c);
          if (verbs.length) granted.push(`${verbs.join("/")} ${c.resource}`);
        }
      }
      if (granted.length === 0) continue;
      const outsiders = bindingsOf(ctx.cluster, object)
        .flatMap((b) => subjectsOf(b))
        .filter((s) => !isPlatformSubject(ctx.cluster, s));
      const names = [...new Set(outsiders.map(describeSubject))];
      if (names.length)
        ctx.report(
          object,
          `grants ${[...new Set(granted)].join(", ")} to non-platform subjects: ${names.join(", ")}`,
        );
    }
  },
});
