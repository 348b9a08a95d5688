import { KustomizeError } from "./errors.ts";
import {
  effectiveNamespace,
  type Gvk,
  idString,
  makeResId,
  parseGroupVersion,
  type ResId,
} from "./resid.ts";
import {
  copyEmptyNulls,
  getField,
  getMap,
  isMap,
  newMap,
  nullText,
  scalarText,
  type Value,
  type ValueMap,
} from "./value.ts";

/** One entry of a resource's rename history, recorded as kustomize records it. */
export interface PreviousId {
  readonly name: string;
  /** The effective namespace at the time (`default`, `_non_namespaceable_` or the namespace). */
  readonly namespace: string;
  readonly kind: string;
}

/** How a generated object joins the accumulated resources. */
export type GeneratorBehavior = "create" | "merge" | "replace";

/** Where a resource came from (kustomize's origin, used by `buildMetadata`). */
export interface ResourceOrigin {
  /** The file the resource was read from (absolute) or, for generated ones, the kustomization file. */
  readonly file: string;
  /** Set for generated resources: the generator kind. */
  readonly generator?: "ConfigMapGenerator" | "SecretGenerator";
}

/**
 * One resource in a build: the object plus kustomize's bookkeeping, which kustomize keeps in
 * `internal.config.kubernetes.io/*` and `kustomize.config.k8s.io/*` annotations and we keep in
 * fields (they never reach the output).
 */
export class Resource {
  obj: ValueMap;
  /** Ids before each rename (namespace, prefix, suffix, hash, patch), oldest first. */
  prevIds: PreviousId[] = [];
  /** Name prefixes and suffixes applied so far, innermost first. */
  prefixes: string[] = [];
  suffixes: string[] = [];
  /** Set on generated ConfigMaps/Secrets. */
  behavior: GeneratorBehavior | undefined;
  needsHashSuffix = false;
  /** Set by patches with `options.allowNameChange` / `allowKindChange` (issue 3). */
  allowNameChange = false;
  allowKindChange = false;
  /** True once a name reference pointed at this resource (kustomize's `refBy` annotation). */
  referenced = false;
  /** Names of vars that refer to this resource (issue 3). */
  refVarNames: string[] = [];
  origin: ResourceOrigin | undefined;
  /**
   * Map entries that share one YAML node in kustomize. A label/annotation pass that creates a
   * key in several places of one object (metadata, selector, template) inserts the same node in
   * each; a later in-place write to any of them changes all. Write such entries with
   * {@link Resource.setEntry} so the sharing is honoured.
   */
  aliases: Array<Array<{ readonly map: ValueMap; readonly key: string }>> = [];

  constructor(obj: ValueMap, origin?: ResourceOrigin) {
    this.obj = obj;
    this.origin = origin;
  }

  get apiVersion(): string {
    return scalarText(getField(this.obj, "apiVersion"));
  }

  get kind(): string {
    return scalarText(getField(this.obj, "kind"));
  }

  get gvk(): Gvk {
    const { group, version } = parseGroupVersion(this.apiVersion);
    return { group, version, kind: this.kind };
  }

  get name(): string {
    const meta = getMap(this.obj, "metadata");
    return meta ? scalarText(getField(meta, "name")) : "";
  }

  set name(value: string) {
    this.metadata().name = value;
  }

  get namespace(): string {
    const meta = getMap(this.obj, "metadata");
    return meta ? scalarText(getField(meta, "namespace")) : "";
  }

  set namespace(value: string) {
    const meta = this.metadata();
    if (value === "") delete meta.namespace;
    else meta.namespace = value;
  }

  /** `metadata`, created when absent. */
  metadata(): ValueMap {
    const meta = getMap(this.obj, "metadata");
    if (meta) return meta;
    const created = newMap();
    this.obj.metadata = created;
    return created;
  }

  /** Labels or annotations as strings (an absent or null map reads as empty). */
  stringMap(field: "labels" | "annotations"): Map<string, string> {
    const out = new Map<string, string>();
    const meta = getMap(this.obj, "metadata");
    const m = meta ? getMap(meta, field) : undefined;
    if (m) {
      for (const key of Object.keys(m)) {
        out.set(key, m[key] === null ? nullText(m, key) : scalarText(m[key]));
      }
    }
    return out;
  }

  /** Replaces labels or annotations with string values; an empty map removes the field. */
  setStringMap(field: "labels" | "annotations", values: Map<string, string>): void {
    const meta = this.metadata();
    delete meta[field];
    if (values.size === 0) return;
    const m = newMap();
    for (const key of [...values.keys()].sort()) m[key] = values.get(key) as string;
    meta[field] = m;
  }

  /**
   * Writes `map[key] = value` the way kustomize's `FieldSetter` does: an existing entry is
   * overwritten in place (so every entry sharing its node changes too); a new entry is added.
   * Returns whether the entry was new.
   */
  setEntry(map: ValueMap, key: string, value: Value): boolean {
    if (!Object.hasOwn(map, key)) {
      map[key] = value;
      return true;
    }
    map[key] = value;
    for (const group of this.aliases) {
      if (!group.some((loc) => loc.map === map && loc.key === key)) continue;
      for (const loc of group) if (Object.hasOwn(loc.map, loc.key)) loc.map[loc.key] = value;
    }
    return false;
  }

  curId(): ResId {
    return makeResId(this.gvk, this.name, this.namespace);
  }

  /** Previous ids as kustomize rebuilds them: group/version of the current apiVersion. */
  previousIds(): ResId[] {
    const { group, version } = parseGroupVersion(this.apiVersion);
    return this.prevIds.map((p) => ({
      gvk: { group, version, kind: p.kind },
      name: p.name,
      namespace: p.namespace,
      clusterScoped: false,
    }));
  }

  /** The id before any rename. */
  orgId(): ResId {
    return this.previousIds()[0] ?? this.curId();
  }

  /** Current id followed by previous ids (the "any id" of kustomize lookups). */
  allIds(): ResId[] {
    return [...this.previousIds(), this.curId()];
  }

  storePreviousId(): void {
    const id = this.curId();
    this.prevIds.push({ name: id.name, namespace: effectiveNamespace(id), kind: id.gvk.kind });
  }

  /** True when kustomize would carry any bookkeeping annotation on this resource. */
  hasBuildAnnotations(): boolean {
    return (
      this.prevIds.length > 0 ||
      this.prefixes.length > 0 ||
      this.suffixes.length > 0 ||
      this.behavior !== undefined ||
      this.needsHashSuffix ||
      this.allowNameChange ||
      this.allowKindChange ||
      this.referenced
    );
  }

  /** A deep copy, bookkeeping included. */
  clone(): Resource {
    const r = new Resource(cloneValueMap(this.obj), this.origin);
    r.prevIds = [...this.prevIds];
    r.prefixes = [...this.prefixes];
    r.suffixes = [...this.suffixes];
    r.behavior = this.behavior;
    r.needsHashSuffix = this.needsHashSuffix;
    r.allowNameChange = this.allowNameChange;
    r.allowKindChange = this.allowKindChange;
    r.referenced = this.referenced;
    r.refVarNames = [...this.refVarNames];
    return r;
  }

  toString(): string {
    return idString(this.curId());
  }
}

function cloneValueMap(m: ValueMap): ValueMap {
  const out = newMap();
  for (const key of Object.keys(m)) out[key] = cloneAny(m[key] as Value);
  copyEmptyNulls(m, out);
  return out;
}

function cloneAny(v: Value): Value {
  if (Array.isArray(v)) return v.map(cloneAny);
  if (isMap(v)) return cloneValueMap(v);
  return v;
}

/** `SameEndingSubSlice`: one list ends with the other (an empty list matches only an empty list). */
export function sameEndingSubSlice(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return a.length === 0 && b.length === 0;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const offset = longer.length - shorter.length;
  for (let i = 0; i < shorter.length; i++) if (shorter[i] !== longer[i + offset]) return false;
  return true;
}

/** Throws the kustomize error for a document that is not an object with kind and name. */
export function validateMetadata(obj: Value, file: string): asserts obj is ValueMap {
  if (!isMap(obj)) {
    throw new KustomizeError("INVALID_RESOURCE", `${file}: a resource must be a YAML mapping`, {
      file,
    });
  }
  const kind = scalarText(getField(obj, "kind"));
  if (kind === "") {
    throw new KustomizeError("INVALID_RESOURCE", `${file}: missing kind in object`, { file });
  }
  if (kind.endsWith("List")) return;
  const meta = getMap(obj, "metadata");
  if (!meta || scalarText(getField(meta, "name")) === "") {
    throw new KustomizeError(
      "INVALID_RESOURCE",
      `${file}: missing metadata.name in object of kind ${kind}`,
      { file },
    );
  }
}
