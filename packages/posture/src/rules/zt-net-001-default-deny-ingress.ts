import { defaultDenyFor } from "../_netpol.ts";
import { missingRef } from "../_refs.ts";
import { defineRule } from "../rule.ts";

export const ztNet001 = defineRule({
  id: "ZT-NET-001",
  title: "Namespace default-deny ingress",
  severity: "error",
  fix: "Add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress]` and no ingress rules (or a Cilium/Calico equivalent).",
  stage: "downgrade",
  stageNote:
    "observe → info, audit → warning: the default-deny may be rolled out after the allows.",
  check(ctx) {
    for (const ns of ctx.cluster.tenantNamespaces()) {
      if (defaultDenyFor(ctx.cluster, ns, "ingress")) continue;
      const target = ctx.cluster.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns);
      ctx.report(
        target,
        "no policy puts every pod in ingress default-deny; add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress]` and no ingress rules",
        { namespace: ns },
      );
    }
  },
});
