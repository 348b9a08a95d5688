import { istioEnrolled, linkerdEnrolled, optOut } from "../_mesh.ts";
import { missingRef } from "../_refs.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztMesh006 = defineRule({
  id: "ZT-MESH-006",
  title: "Mesh enrollment",
  severity: "error",
  fix: "Label the Namespace `istio-injection: enabled` (or `istio.io/rev`, `istio.io/dataplane-mode: ambient`, or annotate `linkerd.io/inject: enabled`) and remove pod-level opt-outs.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    for (const ns of c.tenantNamespaces()) {
      if (!istioEnrolled(c, ns) && !linkerdEnrolled(c, ns)) {
        ctx.report(
          c.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns),
          "is not enrolled in the mesh; label it istio-injection: enabled (or istio.io/rev, istio.io/dataplane-mode: ambient) or annotate linkerd.io/inject: enabled",
          { namespace: ns },
        );
      }
    }
    for (const w of c.tenantWorkloads()) {
      const why = optOut(w);
      if (why) ctx.report(w.object, `pod template opts out of the mesh (${why}); remove it`);
    }
  },
});
