import { KustomizeError } from "../errors.ts";
import type { SortOptionsArg } from "../kustomization.ts";
import { type Gvk, gvkEquals, gvkString, parseGroupVersion } from "../resid.ts";
import type { ResMap } from "../resmap.ts";
import type { ValueMap } from "../value.ts";

export const DEFAULT_ORDER_FIRST: readonly string[] = [
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

export const DEFAULT_ORDER_LAST: readonly string[] = [
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
];

const DEFAULT_RANKS = rankKinds(DEFAULT_ORDER_FIRST, DEFAULT_ORDER_LAST);

/**
 * Kustomize's SortOrderTransformer. Without `sortOptions` the build uses the legacy order;
 * `fifo` keeps accumulation order.
 */
export function sortResources(m: ResMap, options: SortOptionsArg | undefined): void {
  const opts = options ?? { order: "legacy" };
  if (opts.order !== "fifo" && opts.order !== "legacy") {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      "the field 'sortOptions.order' must be one of [fifo, legacy]",
    );
  }
  if (opts.order === "fifo") {
    if (opts.legacySortOptions) {
      throw new KustomizeError(
        "INVALID_KUSTOMIZATION",
        "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
      );
    }
    return;
  }
  const first = opts.legacySortOptions
    ? (opts.legacySortOptions.orderFirst ?? [])
    : DEFAULT_ORDER_FIRST;
  const last = opts.legacySortOptions
    ? (opts.legacySortOptions.orderLast ?? [])
    : DEFAULT_ORDER_LAST;
  const typeOrders = opts.legacySortOptions ? rankKinds(first, last) : DEFAULT_RANKS;
  const keyed = m.list.map((r) => ({ r, id: r.curId() }));
  keyed.sort((a, b) => compare(a.id, b.id, typeOrders));
  m.list.splice(0, m.list.length, ...keyed.map((k) => k.r));
}

/** What the legacy order compares: a resource id's group/version/kind, namespace and name. */
export interface LegacySortKey {
  gvk: Gvk;
  namespace: string;
  name: string;
}

/** The legacy sort key of a built resource object (`apiVersion`, `kind`, `metadata`). */
export function legacySortKey(resource: ValueMap): LegacySortKey {
  const apiVersion = typeof resource.apiVersion === "string" ? resource.apiVersion : "";
  const kind = typeof resource.kind === "string" ? resource.kind : "";
  const meta = (resource.metadata ?? {}) as ValueMap;
  return {
    gvk: { ...parseGroupVersion(apiVersion), kind },
    namespace: typeof meta.namespace === "string" ? meta.namespace : "",
    name: typeof meta.name === "string" ? meta.name : "",
  };
}

/**
 * Kustomize's default (`legacy`, no `legacySortOptions`) output order as a compare function:
 * `[...items].sort((a, b) => compareLegacyOrder(a.key, b.key))` orders resources as `kustomize
 * build` does.
 */
export function compareLegacyOrder(a: LegacySortKey, b: LegacySortKey): number {
  return compare(a, b, DEFAULT_RANKS);
}

function rankKinds(first: readonly string[], last: readonly string[]): Map<string, number> {
  const typeOrders = new Map<string, number>();
  first.forEach((k, i) => {
    typeOrders.set(k, -first.length + i);
  });
  last.forEach((k, i) => {
    typeOrders.set(k, 1 + i);
  });
  return typeOrders;
}

function compare(a: LegacySortKey, b: LegacySortKey, typeOrders: Map<string, number>): number {
  return less(a, b, typeOrders) ? -1 : less(b, a, typeOrders) ? 1 : 0;
}

function less(a: LegacySortKey, b: LegacySortKey, typeOrders: Map<string, number>): boolean {
  if (!gvkEquals(a.gvk, b.gvk)) return gvkLess(a.gvk, b.gvk, typeOrders);
  return idSortString(a) < idSortString(b);
}

function gvkLess(a: Gvk, b: Gvk, typeOrders: Map<string, number>): boolean {
  const ia = typeOrders.get(a.kind) ?? 0;
  const ib = typeOrders.get(b.kind) ?? 0;
  if (ia !== ib) return ia < ib;
  if (a.kind === "Namespace" && b.kind === "Namespace" && (a.group === "" || b.group === "")) {
    return gvkSortString(a) > gvkSortString(b);
  }
  return gvkSortString(a) < gvkSortString(b);
}

function gvkSortString(x: Gvk): string {
  return `${x.group || "~G"}_${x.version || "~V"}_${x.kind || "~K"}`;
}

function idSortString(id: LegacySortKey): string {
  return `${gvkString(id.gvk)}|${id.namespace || "~X"}|${id.name || "~N"}`;
}
