import { ANNOTATIONS, isStage, LABELS } from "@fleet-baseline/model";
import { missingRef } from "../_refs.ts";
import { defineRule } from "../rule.ts";

export const ztAdm007 = defineRule({
  id: "ZT-ADM-007",
  title: "Ownership and stage metadata",
  severity: "error",
  fix: "Label Namespaces `fleet-baseline.io/owner` and annotate `fleet-baseline.io/rollout-stage`; label workloads `app.kubernetes.io/name` and `fleet-baseline.io/owner`.",
  stage: "none",
  stageNote: "Unchanged: the stage annotation itself is what this control requires.",
  check(ctx) {
    const c = ctx.cluster;
    for (const ns of c.tenantNamespaces()) {
      const target = c.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns);
      if (!c.namespaceLabels(ns)[LABELS.owner])
        ctx.report(target, `has no ${LABELS.owner} label`, { namespace: ns });
      const stage = c.namespaceAnnotations(ns)[ANNOTATIONS.rolloutStage];
      if (stage === undefined)
        ctx.report(
          target,
          `has no ${ANNOTATIONS.rolloutStage} annotation (observe, audit or enforce)`,
          { namespace: ns },
        );
      else if (!isStage(stage))
        ctx.report(
          target,
          `${ANNOTATIONS.rolloutStage} "${stage}" is not observe, audit or enforce (treated as enforce)`,
          { namespace: ns },
        );
    }
    for (const w of c.tenantWorkloads()) {
      const labels = w.object.metadata.labels ?? {};
      const missing = ["app.kubernetes.io/name", LABELS.owner].filter((k) => !labels[k]);
      if (missing.length)
        ctx.report(w.object, `has no ${missing.join(", ")} label${missing.length > 1 ? "s" : ""}`);
    }
  },
});
