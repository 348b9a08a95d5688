import type { ClusterView } from "./_cluster.ts";
import type { ClusterMeasures, PostureFinding, PostureOptions } from "./types.ts";

export function computeMeasures(
  cluster: ClusterView,
  _findings: PostureFinding[],
  _options: PostureOptions,
): ClusterMeasures {
  const r = { passing: 0, total: 0, ratio: 1 };
  return {
    cluster: cluster.name,
    defaultDenyCoverage: r,
    mtlsCoverage: r,
    rbacScore: { riskyWeight: 0, totalWeight: 0, score: 1 },
    violations: { total: 0, byControl: {} },
    enforcement: { ...r, controls: [], enforcing: [], exceptions: [] },
    namespaces: {},
  };
}
