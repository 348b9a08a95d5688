import { defaultDenyFor } from "../_netpol.ts";
import { missingRef } from "../_refs.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztNet002 = defineRule({
  id: "ZT-NET-002",
  title: "Namespace default-deny egress",
  severity: "error",
  fix: "Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Egress]` (egress allows for DNS and named dependencies may stay).",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const ns of ctx.cluster.tenantNamespaces()) {
      if (defaultDenyFor(ctx.cluster, ns, "egress")) continue;
      const target = ctx.cluster.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns);
      ctx.report(
        target,
        "no policy puts every pod in egress default-deny; add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Egress]` (an `egress: []` without policyTypes does not count)",
        { namespace: ns },
      );
    }
  },
});
