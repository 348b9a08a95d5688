import { missingRef } from "../_refs.ts";
import { defineRule } from "../rule.ts";
import { PSA } from "./zt-pss-001-enforce-restricted.ts";

export const ztPss003 = defineRule({
  id: "ZT-PSS-003",
  title: "Audit and warn at restricted",
  severity: "error",
  fix: "Label the Namespace `pod-security.kubernetes.io/audit: restricted` and `pod-security.kubernetes.io/warn: restricted`.",
  stage: "none",
  stageNote:
    "Unchanged: audit and warn are how the observe and audit stages see violations, so they are required in every stage.",
  check(ctx) {
    for (const ns of ctx.cluster.tenantNamespaces()) {
      const target = ctx.cluster.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns);
      const labels = ctx.cluster.namespaceLabels(ns);
      for (const mode of ["audit", "warn"]) {
        const level = labels[`${PSA}/${mode}`];
        if (level !== "restricted") {
          ctx.report(
            target,
            `pod-security.kubernetes.io/${mode} is ${level === undefined ? "unset" : `"${level}"`}; set it to restricted`,
            { namespace: ns },
          );
        }
      }
    }
  },
});
