import type { ValueMap } from "kustomize-ts";

/** Kustomize's default legacy order: these kinds first (in this order), these last. */
const ORDER_FIRST = [
  "Namespace",
  "ResourceQuota",
  "StorageClass",
  "CustomResourceDefinition",
  "ServiceAccount",
  "PodSecurityPolicy",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "ConfigMap",
  "Secret",
  "Endpoints",
  "Service",
  "LimitRange",
  "PriorityClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "PodDisruptionBudget",
];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];
const RANK = new Map<string, number>([
  ...ORDER_FIRST.map((k, i): [string, number] => [k, i - ORDER_FIRST.length]),
  ...ORDER_LAST.map((k, i): [string, number] => [k, i + 1]),
]);

export interface SortKey {
  rank: number;
  gvk: string;
  gvkSort: string;
  id: string;
  kind: string;
  coreGroup: boolean;
}

function sortKey(r: ValueMap): SortKey {
  const apiVersion = typeof r.apiVersion === "string" ? r.apiVersion : "";
  const kind = typeof r.kind === "string" ? r.kind : "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const meta = (r.metadata ?? {}) as ValueMap;
  const ns = typeof meta.namespace === "string" ? meta.namespace : "";
  const name = typeof meta.name === "string" ? meta.name : "";
  const gvk = `${kind || "[noKind]"}.${version || "[noVer]"}.${group || "[noGrp]"}`;
  return {
    rank: RANK.get(kind) ?? 0,
    gvk,
    gvkSort: `${group || "~G"}_${version || "~V"}_${kind || "~K"}`,
    id: `${gvk}|${ns || "~X"}|${name || "~N"}`,
    kind,
    coreGroup: group === "",
  };
}

function less(a: SortKey, b: SortKey): boolean {
  if (a.gvk !== b.gvk) {
    if (a.rank !== b.rank) return a.rank < b.rank;
    // kustomize's quirk: two Namespace kinds, one in the core group, compare reversed
    if (a.kind === "Namespace" && b.kind === "Namespace" && (a.coreGroup || b.coreGroup)) {
      return a.gvkSort > b.gvkSort;
    }
    return a.gvkSort < b.gvkSort;
  }
  return a.id < b.id;
}

/** A resource as the root kustomization leaves it, with its sort key. */
export interface Composed {
  resource: ValueMap;
  key: SortKey;
}

/**
 * What the generated root kustomization does to each resource of its sub-builds: the managed-by
 * label on `metadata.labels` (kustomize's `labels:` without selectors or templates). Copies;
 * never mutates.
 */
export function labelResources(resources: ValueMap[], labels: Record<string, string>): Composed[] {
  return resources.map((resource) => {
    const meta = (resource.metadata ?? Object.create(null)) as ValueMap;
    const copy = Object.assign(Object.create(null) as ValueMap, resource);
    copy.metadata = Object.assign(Object.create(null) as ValueMap, meta, {
      labels: Object.assign(
        Object.create(null) as ValueMap,
        meta.labels as ValueMap | undefined,
        labels,
      ),
    });
    return { resource: copy, key: sortKey(copy) };
  });
}

/** Kustomize's legacy output order over the resources of every sub-build. */
export function sortComposed<T extends Composed>(items: T[]): T[] {
  return [...items].sort((a, b) => (less(a.key, b.key) ? -1 : less(b.key, a.key) ? 1 : 0));
}
