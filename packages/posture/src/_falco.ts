import type { KubeObject } from "@fleet-baseline/model";
import { workloadOf } from "./_pods.ts";
import { obj, objs, str } from "./_util.ts";

/** Stage policy of the runtime-detection rules (ZT-RUN-001/002). */
export const FALCO_STAGE = {
  stage: "none",
  stageNote: "Unchanged: runtime detection is cluster-wide.",
} as const;

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
