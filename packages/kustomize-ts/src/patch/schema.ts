import { isMap, type Value, type ValueMap } from "../value.ts";
import { BUILTIN_ROOTS, BUILTIN_TYPES } from "./builtin-schema.ts";

/**
 * The part of an OpenAPI v2 schema object that strategic merge reads (as kyaml's
 * `openapi.ResourceSchema` does): properties, array items, `$ref`s and the patch extensions.
 */
export interface SchemaObject {
  $ref?: string;
  type?: string[];
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  additionalProperties?: SchemaObject;
  patchStrategy?: string;
  patchMergeKey?: string;
  listMapKeys?: string[];
}

/** A set of definitions plus the definition each `apiVersion kind` maps to. */
export interface MergeSchema {
  definitions: Map<string, SchemaObject>;
  roots: Map<string, string>;
  /**
   * `apiVersion kind`s that the document's `paths` show as cluster-scoped (no
   * `namespaces/{namespace}` path), as kyaml's findNamespaceability decides.
   */
  clusterScoped: Set<string>;
}

let builtin: MergeSchema | undefined;

/** The Kubernetes v1.21.2 schema kustomize embeds, reduced to what merging needs. */
export function builtinMergeSchema(): MergeSchema {
  if (builtin) return builtin;
  const definitions = new Map<string, SchemaObject>();
  for (const [name, fields] of Object.entries(BUILTIN_TYPES)) {
    const properties: Record<string, SchemaObject> = {};
    for (const [field, code] of Object.entries(fields)) {
      if (code.startsWith("T:")) {
        properties[field] = { $ref: `#/definitions/${code.slice(2)}` };
        continue;
      }
      const [, keys = "", element = ""] = code.split(":");
      const list: SchemaObject = {
        type: ["array"],
        patchStrategy: "merge",
        items: element ? { $ref: `#/definitions/${element}` } : {},
      };
      const keyList = keys ? keys.split(",") : [];
      if (keyList.length > 1) list.listMapKeys = keyList;
      if (keyList.length > 0) list.patchMergeKey = keyList[0] as string;
      properties[field] = list;
    }
    definitions.set(name, { type: ["object"], properties });
  }
  builtin = {
    definitions,
    roots: new Map(Object.entries(BUILTIN_ROOTS)),
    clusterScoped: new Set(),
  };
  return builtin;
}

/**
 * Reads a custom OpenAPI document (`openapi: {path}` in a kustomization): its `definitions`, with
 * `x-kubernetes-group-version-kind` naming the kinds they describe. Like kyaml, a custom
 * document replaces the built-in one.
 */
export function parseMergeSchema(doc: Value): MergeSchema {
  const definitions = new Map<string, SchemaObject>();
  const roots = new Map<string, string>();
  const defs = isMap(doc) ? doc.definitions : undefined;
  if (isMap(defs)) {
    for (const [name, raw] of Object.entries(defs)) {
      if (!isMap(raw)) continue;
      definitions.set(name, toSchemaObject(raw));
      const gvks = raw["x-kubernetes-group-version-kind"];
      if (!Array.isArray(gvks)) continue;
      for (const gvk of gvks) {
        if (!isMap(gvk) || typeof gvk.kind !== "string" || typeof gvk.version !== "string")
          continue;
        const group = typeof gvk.group === "string" ? gvk.group : "";
        roots.set(`${group ? `${group}/` : ""}${gvk.version} ${gvk.kind}`, name);
      }
    }
  }
  return { definitions, roots, clusterScoped: clusterScopedKinds(doc) };
}

function gvkKey(gvk: Value | undefined): string | undefined {
  if (!isMap(gvk) || typeof gvk.kind !== "string" || typeof gvk.version !== "string")
    return undefined;
  const group = typeof gvk.group === "string" ? gvk.group : "";
  return `${group ? `${group}/` : ""}${gvk.version} ${gvk.kind}`;
}

function clusterScopedKinds(doc: Value): Set<string> {
  const seen = new Set<string>();
  const namespaced = new Set<string>();
  const paths = isMap(doc) ? doc.paths : undefined;
  if (isMap(paths)) {
    for (const [path, info] of Object.entries(paths)) {
      const get = isMap(info) ? info.get : undefined;
      const key = isMap(get) ? gvkKey(get["x-kubernetes-group-version-kind"]) : undefined;
      if (key === undefined) continue;
      seen.add(key);
      if (path.includes("namespaces/{namespace}")) namespaced.add(key);
    }
  }
  return new Set([...seen].filter((k) => !namespaced.has(k)));
}

function toSchemaObject(raw: ValueMap): SchemaObject {
  const out: SchemaObject = {};
  if (typeof raw.$ref === "string") out.$ref = raw.$ref;
  if (typeof raw.type === "string") out.type = [raw.type];
  else if (Array.isArray(raw.type)) out.type = raw.type.map(String);
  if (isMap(raw.properties)) {
    out.properties = {};
    for (const [k, v] of Object.entries(raw.properties)) {
      if (isMap(v)) out.properties[k] = toSchemaObject(v);
    }
  }
  if (isMap(raw.items)) out.items = toSchemaObject(raw.items);
  if (isMap(raw.additionalProperties))
    out.additionalProperties = toSchemaObject(raw.additionalProperties);
  const strategy = raw["x-kubernetes-patch-strategy"];
  if (typeof strategy === "string") out.patchStrategy = strategy;
  const key = raw["x-kubernetes-patch-merge-key"];
  if (typeof key === "string") out.patchMergeKey = key;
  const keys = raw["x-kubernetes-list-map-keys"];
  if (Array.isArray(keys)) out.listMapKeys = keys.map(String);
  return out;
}

const resolved = new WeakMap<
  SchemaObject,
  { schema: MergeSchema; cursor: SchemaCursor | undefined }
>();

/** A position in a schema, as kyaml's `ResourceSchema`. */
export class SchemaCursor {
  readonly schema: MergeSchema;
  readonly node: SchemaObject;

  constructor(schema: MergeSchema, node: SchemaObject) {
    this.schema = schema;
    this.node = node;
  }

  static forType(schema: MergeSchema, apiVersion: string, kind: string): SchemaCursor | undefined {
    const name = schema.roots.get(`${apiVersion} ${kind}`);
    const node = name === undefined ? undefined : schema.definitions.get(name);
    return node ? new SchemaCursor(schema, node) : undefined;
  }

  field(name: string): SchemaCursor | undefined {
    const child =
      (this.node.properties && Object.hasOwn(this.node.properties, name)
        ? this.node.properties[name]
        : undefined) ?? this.node.additionalProperties;
    return child ? this.resolve(child) : undefined;
  }

  elements(): SchemaCursor | undefined {
    const type = this.node.type;
    if (type?.length !== 1 || type[0] !== "array" || !this.node.items) return undefined;
    return this.resolve(this.node.items);
  }

  /** `merge` in the patch strategy: the list is merged element by element. */
  isAssociative(): boolean {
    return (this.node.patchStrategy ?? "").split(",").includes("merge");
  }

  /** The list's keys: `x-kubernetes-list-map-keys` if given, else the patch merge key. */
  mergeKeys(): string[] {
    if (this.node.patchStrategy === undefined) return [];
    if (this.node.listMapKeys) return this.node.listMapKeys;
    return this.node.patchMergeKey === undefined ? [] : [this.node.patchMergeKey];
  }

  private resolve(node: SchemaObject): SchemaCursor | undefined {
    const cached = resolved.get(node);
    if (cached !== undefined && cached.schema === this.schema) return cached.cursor;
    let current: SchemaObject | undefined = node;
    for (let guard = 0; current?.$ref !== undefined && guard < 64; guard++) {
      const ref: string = current.$ref;
      current = ref.startsWith("#/definitions/")
        ? this.schema.definitions.get(ref.slice("#/definitions/".length))
        : undefined;
    }
    const cursor = current ? new SchemaCursor(this.schema, current) : undefined;
    resolved.set(node, { schema: this.schema, cursor });
    return cursor;
  }
}
