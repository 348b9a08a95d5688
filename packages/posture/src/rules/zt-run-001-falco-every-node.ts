import type { KubeObject } from "@fleet-baseline/model";
import { workloadOf } from "../_pods.ts";
import { clusterRef } from "../_refs.ts";
import { obj, objs, str } from "../_util.ts";
import { defineRule } from "../rule.ts";

/** The rendered Falco DaemonSets: named falco, or labelled app.kubernetes.io/name: falco. */
export function falcoDaemonSets(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter(
    (o) =>
      o.kind === "DaemonSet" &&
      o.apiVersion.startsWith("apps/") &&
      (o.metadata.name === "falco" || o.metadata.labels?.["app.kubernetes.io/name"] === "falco"),
  );
}

/** ConfigMaps a Falco DaemonSet mounts (volumes and projected sources). */
export function mountedConfigMaps(ds: KubeObject): string[] {
  const spec = workloadOf(ds)?.spec ?? {};
  const names: string[] = [];
  for (const v of objs(spec.volumes)) {
    const cm = str(obj(v.configMap).name);
    if (cm) names.push(cm);
    for (const s of objs(obj(v.projected).sources)) {
      const p = str(obj(s.configMap).name);
      if (p) names.push(p);
    }
  }
  return names;
}

export const ztRun001 = defineRule({
  id: "ZT-RUN-001",
  title: "Falco on every node",
  severity: "error",
  fix: "Run Falco as a DaemonSet tolerating every taint (`tolerations: [{operator: Exists}]`) with the rules ConfigMap mounted.",
  stage: "none",
  stageNote: "Unchanged: runtime detection is cluster-wide.",
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
