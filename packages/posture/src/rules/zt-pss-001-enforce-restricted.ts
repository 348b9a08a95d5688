import { missingRef } from "../_refs.ts";
import { defineRule } from "../rule.ts";

export const PSA = "pod-security.kubernetes.io";

export const ztPss001 = defineRule({
  id: "ZT-PSS-001",
  title: "Namespace enforces PSS restricted",
  severity: "error",
  fix: "Label the Namespace `pod-security.kubernetes.io/enforce: restricted`.",
  stage: "downgrade",
  stageNote: "observe → info, audit → warning: PSA tightens warn → audit → enforce with the stage.",
  check(ctx) {
    for (const ns of ctx.cluster.tenantNamespaces()) {
      const object = ctx.cluster.namespaceObject(ns);
      const labels = ctx.cluster.namespaceLabels(ns);
      const target = object ?? missingRef("v1", "Namespace", "", ns);
      const level = labels[`${PSA}/enforce`];
      if (level === "restricted") continue;
      if (level === "baseline") {
        const staged =
          labels[`${PSA}/audit`] === "restricted" && labels[`${PSA}/warn`] === "restricted";
        ctx.report(
          target,
          staged
            ? "enforces PSS baseline, not restricted; label it `pod-security.kubernetes.io/enforce: restricted`"
            : "enforces PSS baseline while audit/warn are not restricted; an exception needs audit and warn at restricted",
          { namespace: ns, exceptable: staged },
        );
        continue;
      }
      ctx.report(
        target,
        `${level === undefined ? "has no pod-security.kubernetes.io/enforce label (= privileged)" : `enforces PSS "${level}"`}; label it \`pod-security.kubernetes.io/enforce: restricted\``,
        { namespace: ns, exceptable: false },
      );
    }
  },
});
