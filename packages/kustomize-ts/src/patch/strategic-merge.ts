import { KustomizeError } from "../errors.ts";
import { isEmptyNull, isMap, newMap, type Value, type ValueMap } from "../value.ts";
import { builtinMergeSchema, type MergeSchema, SchemaCursor } from "./schema.ts";

/*
 * Strategic merge as kustomize v5.5.0 applies it: kyaml's merge2 walker with the patch as
 * "origin", the resource as "dest" and lists growing by prepending. The walker's quirks are kept
 * on purpose because kubectl shows them: patch items come first in merge-keyed lists, a
 * `$patch: replace` on a list element does not replace it, multi-key lists (container ports by
 * containerPort+protocol) only match elements that agree on every key present, and the
 * apimachinery-only directives ($setElementOrder, $retainKeys, $deleteFromPrimitiveList) are
 * plain fields to kyaml and are merged in like any other field.
 */

/** A null that an explicit `null` in the resource keeps (kyaml's persistent null). */
class KeptNull {}
const KEPT = new KeptNull();
/** A null the resource wrote as an empty value (`key:`): merges drop it (its Value is ""). */
const EMPTY = new KeptNull();

type Node = Value | KeptNull | undefined;

/**
 * Merges `patch` into `target` (both untouched) and returns the result, or `undefined` when the
 * patch deletes the whole object (`$patch: delete`).
 */
export function strategicMerge(
  target: ValueMap,
  patch: ValueMap,
  schema: MergeSchema = builtinMergeSchema(),
): ValueMap | undefined {
  return strategicMergeInPlace(deepCopy(target), patch, schema);
}

/**
 * Like {@link strategicMerge} but merges into `target` itself, as kyaml does with the resource
 * node (only the patch is copied). The result may be `target` or a new map.
 */
export function strategicMergeInPlace(
  target: ValueMap,
  patch: ValueMap,
  schema: MergeSchema = builtinMergeSchema(),
): ValueMap | undefined {
  const result = walk([target, deepCopy(patch)], undefined, schema);
  if (result === undefined || result === null || result instanceof KeptNull) return undefined;
  if (!isMap(result)) throw patchError("a strategic merge patch must be a map");
  return result;
}

/** A deep copy of a value; maps keep a null prototype. */
export function deepCopy<T extends Value>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => deepCopy(v)) as T;
  if (isMap(value)) {
    const out = newMap();
    for (const [k, v] of Object.entries(value)) out[k] = deepCopy(v);
    return out as T;
  }
  return value;
}

function patchError(message: string): KustomizeError {
  return new KustomizeError("PATCH", message);
}

function isNull(n: Node): boolean {
  return n === undefined || n === null || n instanceof KeptNull;
}

type Kind = "map" | "seq" | "scalar" | "none";

function kindOf(n: Node): Kind {
  if (isNull(n)) return "none";
  if (Array.isArray(n)) return "seq";
  if (isMap(n as Value)) return "map";
  return "scalar";
}

/** The text kyaml compares list keys by (a yaml.Node's Value). */
function text(n: Node): string {
  if (n === undefined) return "";
  if (n === null || n instanceof KeptNull) return "null";
  if (typeof n === "string") return n;
  if (typeof n === "number" || typeof n === "bigint" || typeof n === "boolean") return String(n);
  return "";
}

function nilOrEmpty(n: Node): boolean {
  if (isNull(n)) return true;
  if (Array.isArray(n)) return n.length === 0;
  if (isMap(n as Value)) return Object.keys(n as ValueMap).length === 0;
  return false;
}

function emptyMap(n: Node): boolean {
  return isNull(n) || (isMap(n as Value) && Object.keys(n as ValueMap).length === 0);
}

function schemaOf(
  sources: Node[],
  given: SchemaCursor | undefined,
  schema: MergeSchema,
): SchemaCursor | undefined {
  if (given) return given;
  for (const s of sources) {
    if (isNull(s) || !isMap(s as Value)) continue;
    const m = s as ValueMap;
    if (typeof m.kind !== "string" || typeof m.apiVersion !== "string") continue;
    if (m.kind === "" || m.apiVersion === "") continue;
    const found = SchemaCursor.forType(schema, m.apiVersion, m.kind);
    if (found) return found;
  }
  return undefined;
}

function walk(sources: Node[], given: SchemaCursor | undefined, schema: MergeSchema): Node {
  const cursor = schemaOf(sources, given, schema);
  const first = sources.find((s) => !isNull(s));
  const kind = kindOf(first);
  for (const s of sources) {
    const k = kindOf(s);
    if (k !== "none" && kind !== "none" && k !== kind) {
      throw patchError(
        `wrong node kind: expected ${nodeKindName(kind)} but got ${nodeKindName(k)}`,
      );
    }
  }
  switch (kind) {
    case "map":
    case "none":
      return walkMap(sources, cursor, schema);
    case "seq":
      if (cursor?.isAssociative()) return walkAssociativeList(sources, cursor, schema);
      return sources[1] !== undefined ? sources[1] : sources[0];
    default:
      return sources[1] !== undefined ? sources[1] : sources[0];
  }
}

function nodeKindName(kind: Kind): string {
  return kind === "map" ? "MappingNode" : kind === "seq" ? "SequenceNode" : "ScalarNode";
}

type Directive = "merge" | "replace" | "delete";

/** kyaml's determineSmpDirective; removes the directive from the patch as a side effect. */
function directive(patch: Node): Directive {
  if (patch === undefined) return "merge";
  if (Array.isArray(patch)) {
    const index = patch.findIndex((e) => isMap(e) && Object.hasOwn(e, "$patch"));
    if (index < 0) return "merge";
    const element = patch[index] as ValueMap;
    if (Object.keys(element).length > 1) return "merge";
    const value = text(element.$patch);
    if (value !== "delete" && value !== "replace" && value !== "merge") {
      throw patchError(`unknown patch strategy '${value}'`);
    }
    setElement(patch, undefined, ["$patch"], [value]);
    return value;
  }
  if (isMap(patch as Value)) {
    const map = patch as ValueMap;
    if (!Object.hasOwn(map, "$patch")) return "merge";
    const value = text(map.$patch);
    if (value !== "delete" && value !== "replace" && value !== "merge") {
      throw patchError(`unknown patch strategy '${value}'`);
    }
    delete map.$patch;
    return value;
  }
  throw patchError("no implemented strategic merge patch strategy for a scalar");
}

function visitMap(sources: Node[]): Node {
  const [dest, origin] = sources;
  if (isNull(dest)) {
    let d: Directive = "merge";
    try {
      d = directive(origin);
    } catch {
      d = "merge";
    }
    if (d === "delete") return undefined;
    if (origin === undefined && dest !== undefined && dest !== EMPTY) return KEPT;
    return origin;
  }
  if (origin === null || origin instanceof KeptNull) return undefined;
  const d = directive(origin);
  if (d === "delete") return undefined;
  if (d === "replace") return origin;
  return dest;
}

function walkMap(sources: Node[], cursor: SchemaCursor | undefined, schema: MergeSchema): Node {
  const dest = visitMap(sources);
  if (dest === undefined || dest instanceof KeptNull || dest === null) return dest;
  sources[0] = dest;
  const names = new Set<string>();
  for (const s of sources) {
    if (isMap(s as Value)) for (const k of Object.keys(s as ValueMap)) names.add(k);
  }
  const target = dest as ValueMap;
  for (const name of [...names].sort(byteOrder)) {
    const fieldSources: Node[] = sources.map((s) =>
      isMap(s as Value) && Object.hasOwn(s as ValueMap, name) ? (s as ValueMap)[name] : undefined,
    );
    if (sources[0] === target && isEmptyNull(target, name)) fieldSources[0] = EMPTY;
    const value = walk(fieldSources, cursor?.field(name), schema);
    if (value === undefined || value === null) delete target[name];
    else target[name] = value instanceof KeptNull ? null : value;
  }
  return target;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function visitList(sources: Node[]): Node {
  const [dest, origin] = sources;
  if (isNull(dest)) return origin;
  if (origin === null || origin instanceof KeptNull) return undefined;
  const d = directive(origin);
  if (d === "delete") return undefined;
  if (d === "replace") return origin;
  return dest;
}

function walkAssociativeList(sources: Node[], cursor: SchemaCursor, schema: MergeSchema): Node {
  const dest = visitList(sources);
  if (dest === undefined || dest === null || dest instanceof KeptNull) return dest;
  sources[0] = dest;
  const keys = cursor.mergeKeys();
  const values = elementValues(sources, keys);
  if (values.length !== 0 || keys.length > 0) {
    return setElements(sources, values, keys, dest as Value[], cursor, schema);
  }
  return setElements(sources, primitiveValues(sources), [""], dest as Value[], cursor, schema);
}

/** Key values of every element, patch first (prepend direction), without repeats. */
function elementValues(sources: Node[], keys: string[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const src of [sources[1], sources[0]]) {
    if (!Array.isArray(src)) continue;
    for (const element of src) {
      const row = keys.map((key) => {
        const field = isMap(element) && Object.hasOwn(element, key) ? element[key] : undefined;
        return nilOrEmpty(field) ? "" : text(field);
      });
      const id = JSON.stringify(row);
      if (row.length === 0 || seen.has(id)) continue;
      out.push(row);
      seen.add(id);
    }
  }
  return out;
}

function primitiveValues(sources: Node[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const src of [sources[1], sources[0]]) {
    if (!Array.isArray(src)) continue;
    for (const item of src) {
      const v = text(item);
      if (seen.has(v)) continue;
      out.push([v]);
      seen.add(v);
    }
  }
  return out;
}

function validateKeys(all: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const row of all) {
    row.forEach((v, i) => {
      if (v !== "") valid.add(keys[i] as string);
    });
  }
  if (valid.size === 0) return [keys, values];
  const validKeys = keys.filter((k) => valid.has(k));
  const validValues = values.filter((v, i) => v !== "" || valid.has(keys[i] as string));
  return [validKeys, validValues];
}

function mergeValues(list: string[][]): string[][] {
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as string[];
    for (let j = 0; j < list.length; j++) {
      const b = list[j] as string[];
      const merged = matchValues(a, b);
      if (merged) {
        list[i] = merged;
        list[j] = merged;
      }
    }
  }
  return list;
}

function matchValues(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) {
      common = true;
      out.push(x);
      continue;
    }
    if (x !== "" && y !== "") return undefined;
    out.push(x !== "" ? x : y);
  }
  return common ? out : undefined;
}

function setElements(
  sources: Node[],
  valuesList: string[][],
  keys: string[],
  dest: Value[],
  cursor: SchemaCursor,
  schema: MergeSchema,
): Node {
  const added: Value[] = [];
  const elementSchema = cursor.elements();
  if (keys.length > 1) valuesList = mergeValues(valuesList);
  let validKeys: string[] = keys;
  let validValues: string[] = [];
  for (const values of valuesList) {
    if (values.length === 0) continue;
    [validKeys, validValues] = validateKeys(valuesList, values, keys);
    const val = walk(elementList(sources, validKeys, validValues), elementSchema, schema);
    let exit = false;
    validKeys.forEach((key, i) => {
      if (isNull(val) || emptyMap(val)) {
        setElement(dest, undefined, validKeys, validValues);
        exit = true;
      } else if (
        isMap(val as Value) &&
        !Object.hasOwn(val as ValueMap, key) &&
        (validValues[i] ?? "") !== ""
      ) {
        (val as ValueMap)[key] = resolvePlain(validValues[i] as string);
      }
    });
    if (exit) continue;
    setElement(added, val as Value, validKeys, validValues);
  }
  if (valuesList.length === 0) return dest;
  return appendList(added, dest, validKeys);
}

/** The element of each source matching the key values (kyaml's ElementList). */
function elementList(sources: Node[], keys: string[], values: string[]): Node[] {
  [keys, values] = validateKeys([values], values, keys);
  return sources.map((src) => (Array.isArray(src) ? matchElement(src, keys, values) : undefined));
}

function matchElement(list: Value[], keys: string[], values: string[]): Value | undefined {
  if (keys.length === 0 || keys[0] === "") {
    const want = values[0] ?? "";
    return list.find((e) => text(e) === want);
  }
  for (const element of list) {
    if (!isMap(element)) continue;
    const all = keys.every(
      (key, i) => Object.hasOwn(element, key) && text(element[key]) === (values[i] ?? ""),
    );
    if (all) return element;
  }
  return undefined;
}

/**
 * kyaml's ElementSetter on `list` (mutated): replaces the element matching the keys with
 * `element`, appends it when nothing matches, or deletes matches when `element` is undefined.
 * Null and empty-map elements are dropped on the way, as kyaml does.
 */
function setElement(
  list: Value[],
  element: Value | undefined,
  keys: string[],
  values: string[],
): void {
  if (keys.length === 0) keys = [""];
  const mappingSetter = keys[0] !== "" && values.length > 0 && values[0] !== "";
  const out: Value[] = [];
  let found = false;
  for (const item of list) {
    if (emptyMap(item)) continue;
    if (!isMap(item) && mappingSetter) {
      out.push(item);
      continue;
    }
    let match: boolean | undefined;
    let ok = true;
    for (let j = 0; j < keys.length; j++) {
      if (j < values.length) match = fieldMatches(item, keys[j] as string, values[j] as string);
      if (!match) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      if (values.length > 0) out.push(item);
      continue;
    }
    found = true;
    if (element === undefined) continue;
    out.push(element);
  }
  list.length = 0;
  list.push(...out);
  if (element === undefined || element === null) return;
  if (!found) list.push(element);
}

/** kyaml's FieldMatcher with a StringValue: "" matches any present field. */
function fieldMatches(item: Value, key: string, value: string): boolean {
  if (key === "") {
    if (isMap(item) || Array.isArray(item)) return false;
    return text(item) === value;
  }
  if (!isMap(item) || !Object.hasOwn(item, key)) return false;
  return value === "" || text(item[key]) === value;
}

function appendList(dst: Value[], src: Value[], keys: string[]): Value[] {
  for (const element of src) {
    if (keys[0] === "" || keys.length === 0) {
      setElement(dst, element, [""], [text(element)]);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      const field = isMap(element) && Object.hasOwn(element, key) ? element[key] : undefined;
      if (field === undefined) {
        dst.push(element);
        continue;
      }
      values.push(text(field));
    }
    if (keys.length > 1) setElement(dst, undefined, keys, values);
    setElement(dst, element, keys, values);
  }
  return dst;
}

/** A plain YAML scalar resolved as go-yaml v3 would (for a restored list key). */
function resolvePlain(s: string): Value {
  if (/^-?(0|[1-9][0-9]*)$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : BigInt(s);
  }
  if (s === "true" || s === "false") return s === "true";
  return s;
}
