import { KustomizeError } from "../errors.ts";
import type { SortOptionsArg } from "../kustomization.ts";
import { type Gvk, gvkEquals, gvkString, type ResId } from "../resid.ts";
import type { ResMap } from "../resmap.ts";

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
  const typeOrders = new Map<string, number>();
  first.forEach((k, i) => {
    typeOrders.set(k, -first.length + i);
  });
  last.forEach((k, i) => {
    typeOrders.set(k, 1 + i);
  });
  const keyed = m.list.map((r) => ({ r, id: r.curId() }));
  keyed.sort((a, b) => (less(a.id, b.id, typeOrders) ? -1 : less(b.id, a.id, typeOrders) ? 1 : 0));
  m.list.splice(0, m.list.length, ...keyed.map((k) => k.r));
}

function less(a: ResId, b: ResId, typeOrders: Map<string, number>): boolean {
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

function idSortString(id: ResId): string {
  return `${gvkString(id.gvk)}|${id.namespace || "~X"}|${id.name || "~N"}`;
}
