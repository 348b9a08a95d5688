import { compareLegacyOrder, type LegacySortKey, legacySortKey, type ValueMap } from "kustomize-ts";

/** A resource as the root kustomization leaves it, with its sort key. */
export interface Composed {
  resource: ValueMap;
  key: LegacySortKey;
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
    return { resource: copy, key: legacySortKey(copy) };
  });
}

/** Kustomize's legacy output order over the resources of every sub-build. */
export function sortComposed<T extends Composed>(items: T[]): T[] {
  return [...items].sort((a, b) => compareLegacyOrder(a.key, b.key));
}
