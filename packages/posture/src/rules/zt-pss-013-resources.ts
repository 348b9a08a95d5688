import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { missingRef } from "../_refs.ts";
import { obj } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss013 = defineRule({
  id: "ZT-PSS-013",
  title: "Resource requests, limits and namespace quotas",
  severity: "error",
  fix: "Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container; add a LimitRange and a ResourceQuota to the namespace.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      if (ref.list === "ephemeralContainers") return; // ephemeral containers cannot set resources
      const r = obj(ref.container.resources);
      const missing = [
        obj(r.requests).cpu === undefined ? "requests.cpu" : "",
        obj(r.requests).memory === undefined ? "requests.memory" : "",
        obj(r.limits).memory === undefined ? "limits.memory" : "",
      ].filter(Boolean);
      if (missing.length)
        ctx.report(
          w.object,
          `${describeContainer(ref)} must set resources ${missing.join(", ")} (a LimitRange default is not explicit in Git)`,
        );
    });
    for (const ns of ctx.cluster.tenantNamespaces()) {
      const target = ctx.cluster.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns);
      for (const kind of ["LimitRange", "ResourceQuota"]) {
        if (!ctx.cluster.ofKind(kind, "").some((o) => o.metadata.namespace === ns)) {
          ctx.report(target, `has no ${kind}; add one`, { namespace: ns });
        }
      }
    }
  },
});
