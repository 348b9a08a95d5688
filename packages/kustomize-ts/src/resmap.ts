import { KustomizeError } from "./errors.ts";
import { effectiveNamespace, idEquals, idString, NOT_A_NAMESPACE, type ResId } from "./resid.ts";
import type { Resource } from "./resource.ts";
import { getMap, newMap, scalarText, type ValueMap } from "./value.ts";

export type IdMatcher = (id: ResId) => boolean;

/** An ordered list of resources with unique current ids (kustomize's `resWrangler`). */
export class ResMap {
  private readonly items: Resource[] = [];
  /**
   * Current-id keys of `items`, valid only while nothing but appends happened: handing out the
   * list (to transformers, which rename in place) drops it.
   */
  private index: Set<string> | undefined;

  /** The resources, in order. Callers may rename them, so the id index is dropped. */
  get list(): Resource[] {
    this.index = undefined;
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  resources(): Resource[] {
    this.index = undefined;
    return [...this.items];
  }

  /** Adds a resource; its current id must be new. */
  append(res: Resource): void {
    if (!this.index) this.index = new Set(this.items.map((r) => idKey(r.curId())));
    const key = idKey(res.curId());
    if (this.index.has(key)) {
      throw new KustomizeError(
        "DUPLICATE_ID",
        `may not add resource with an already registered id: ${idString(res.curId())}`,
      );
    }
    this.items.push(res);
    this.index.add(key);
  }

  appendAll(other: ResMap | readonly Resource[]): void {
    for (const r of other instanceof ResMap ? other.items : other) this.append(r);
  }

  clear(): void {
    this.items.length = 0;
    this.index = undefined;
  }

  remove(res: Resource): void {
    const i = this.items.indexOf(res);
    if (i >= 0) this.items.splice(i, 1);
    this.index = undefined;
  }

  /** Replaces `old` in place by `res`. */
  replace(old: Resource, res: Resource): void {
    const i = this.items.indexOf(old);
    if (i < 0) throw new KustomizeError("INVALID_RESOURCE", `cannot find ${old} to replace`);
    this.items[i] = res;
    this.index = undefined;
  }

  byCurrentId(matches: IdMatcher): Resource[] {
    return this.items.filter((r) => matches(r.curId()));
  }

  /** Resources whose current or any previous id matches. */
  byAnyId(matches: IdMatcher): Resource[] {
    return this.items.filter((r) => r.allIds().some(matches));
  }

  /** The one resource matching `id` by any id (kustomize's `GetById`). */
  getById(id: ResId): Resource {
    const found = this.byAnyId((x) => idEquals(id, x));
    if (found.length === 1) return found[0] as Resource;
    const why = found.length > 1 ? "multiple matches for Id" : "no matches for Id";
    throw new KustomizeError(
      "PATCH",
      `${why} ${idString(id)}; failed to find unique target for patch ${idString(id)}`,
    );
  }

  /**
   * Adds a generated resource honouring its behavior: `create` appends; `merge`/`replace`
   * rewrite the one existing resource that has the same id by any of its ids.
   */
  absorb(res: Resource): void {
    const id = res.curId();
    const matches = this.byAnyId((x) => idEquals(id, x));
    if (matches.length === 0) {
      if (res.behavior === "merge" || res.behavior === "replace") {
        throw new KustomizeError(
          "GENERATOR",
          `id ${idString(id)} does not exist; cannot merge or replace`,
        );
      }
      this.append(res);
      return;
    }
    if (matches.length > 1) {
      throw new KustomizeError(
        "GENERATOR",
        `found multiple objects ${matches.map(String).join(", ")} that could accept merge of ${idString(id)}`,
      );
    }
    const old = matches[0] as Resource;
    if (res.behavior === "replace") {
      copyMergeMetadata(res, old, false);
    } else if (res.behavior === "merge") {
      copyMergeMetadata(res, old, true);
      mergeDataMap(res, old, "data");
      mergeDataMap(res, old, "binaryData");
    } else {
      throw new KustomizeError(
        "GENERATOR",
        `id ${idString(id)} exists; behavior must be merge or replace`,
      );
    }
    this.replace(old, res);
  }

  /** Resources grouped by current effective namespace, cluster-scoped ones left out. */
  groupedByCurrentNamespace(): Map<string, Resource[]> {
    return group(this.items, (r) => effectiveNamespace(r.curId()));
  }

  groupedByOriginalNamespace(): Map<string, Resource[]> {
    return group(this.items, (r) => effectiveNamespace(r.orgId()));
  }
}

/** A string equal for two ids exactly when `idEquals` holds. */
export function idKey(id: ResId): string {
  const g = id.gvk;
  return `${g.group}\u0000${g.version}\u0000${g.kind}\u0000${id.name}\u0000${effectiveNamespace(id)}`;
}

function group(list: Resource[], key: (r: Resource) => string): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of list) {
    const k = key(r);
    if (k === NOT_A_NAMESPACE) continue;
    const arr = out.get(k);
    if (arr) arr.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Kustomize's `CopyMergeMetaDataFieldsFrom`: labels and annotations merged (the new object's
 * values win), name and namespace of the old object, its bookkeeping kept; the hash suffix only
 * when both wanted one.
 */
function copyMergeMetadata(res: Resource, old: Resource, keepOldOrigin: boolean): void {
  const labels = new Map([...old.stringMap("labels"), ...res.stringMap("labels")]);
  res.setStringMap("labels", labels);
  const annotations = new Map([...old.stringMap("annotations"), ...res.stringMap("annotations")]);
  res.setStringMap("annotations", annotations);
  res.name = old.name;
  res.namespace = old.namespace;
  res.prevIds = [...old.prevIds];
  res.prefixes = [...old.prefixes];
  res.suffixes = [...old.suffixes];
  res.needsHashSuffix = old.needsHashSuffix && res.needsHashSuffix;
  res.behavior = old.behavior;
  res.allowNameChange = old.allowNameChange;
  res.allowKindChange = old.allowKindChange;
  res.referenced = old.referenced;
  res.refVarNames = [...old.refVarNames];
  if (keepOldOrigin && old.origin) res.origin = old.origin;
}

/** `MergeDataMapFrom`: string maps merged (new entries win); an empty result removes the field. */
function mergeDataMap(res: Resource, old: Resource, field: "data" | "binaryData"): void {
  const merged = new Map<string, string>();
  for (const source of [old, res]) {
    const m = getMap(source.obj, field);
    if (m) for (const k of Object.keys(m)) merged.set(k, scalarText(m[k]));
  }
  delete res.obj[field];
  if (merged.size === 0) return;
  const out: ValueMap = newMap();
  for (const k of [...merged.keys()].sort()) out[k] = merged.get(k) as string;
  res.obj[field] = out;
}
