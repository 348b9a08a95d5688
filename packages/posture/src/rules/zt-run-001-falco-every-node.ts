import { FALCO_STAGE, falcoDaemonSets, mountedConfigMaps } from "../_falco.ts";
import { workloadOf } from "../_pods.ts";
import { clusterRef } from "../_refs.ts";
import { objs } from "../_util.ts";
import { defineRule } from "../rule.ts";

export const ztRun001 = defineRule({
  id: "ZT-RUN-001",
  title: "Falco on every node",
  severity: "error",
  fix: "Run Falco as a DaemonSet tolerating every taint (`tolerations: [{operator: Exists}]`) with the rules ConfigMap mounted.",
  ...FALCO_STAGE,
  check(ctx) {
    const c = ctx.cluster;
    const all = c.objects;
    const daemonSets = falcoDaemonSets(all);
    if (daemonSets.length === 0) {
      ctx.report(
        clusterRef(c.name),
        "renders no Falco DaemonSet; if Falco is installed outside GitOps, record it with an exception",
        { severity: "warning" },
      );
      return;
    }
    for (const ds of daemonSets) {
      const spec = workloadOf(ds)?.spec ?? {};
      if (!objs(spec.tolerations).some((t) => t.operator === "Exists" && t.key === undefined)) {
        ctx.report(
          ds,
          "does not tolerate every taint; add `tolerations: [{operator: Exists}]` so it runs on every node",
        );
      }
      const ns = ds.metadata.namespace ?? "";
      const mounted = mountedConfigMaps(ds).filter((n) =>
        c
          .ofKind("ConfigMap", "")
          .some((cm) => cm.metadata.name === n && cm.metadata.namespace === ns),
      );
      if (mounted.length === 0)
        ctx.report(
          ds,
          "mounts no rendered rules ConfigMap; mount the fleet rules under /etc/falco/rules.d",
        );
    }
  },
});
