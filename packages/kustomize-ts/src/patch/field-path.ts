import { KustomizeError } from "../errors.ts";
import { isMap, newMap, type Value, type ValueMap } from "../value.ts";
import { goRegExp } from "./selector.ts";
import { deepCopy } from "./strategic-merge.ts";

/*
 * Field paths of replacements and vars as kyaml reads them: dot-separated, `\.` escapes a dot,
 * `[a.b/c]` brackets a key holding dots, `[k=v]` picks list elements, a number indexes a list and
 * `*` takes every element.
 */

function fail(message: string): KustomizeError {
  return new KustomizeError("REPLACEMENT", message);
}

/** kyaml's SmarterPathSplitter with "." as the delimiter. */
export function splitFieldPath(path: string): string[] {
  let parts = path.split(".");
  if (parts.length > 1 && parts[0] === "") parts = parts.slice(1);
  const merged: string[] = [parts[0] as string];
  for (const p of parts.slice(1)) {
    const last = merged[merged.length - 1] as string;
    if (last.endsWith("\\")) merged[merged.length - 1] = `${last.slice(0, -1)}.${p}`;
    else merged.push(p);
  }
  const out: string[] = [];
  for (let i = 0; i < merged.length; i++) {
    const elem = merged[i] as string;
    if (elem.startsWith("[") && !elem.endsWith("]")) {
      const bracketed = [elem];
      while (i < merged.length - 1) {
        i++;
        bracketed.push(merged[i] as string);
        if ((merged[i] as string).endsWith("]")) break;
      }
      const joined = bracketed.join(".");
      out.push(joined.includes("=") ? joined : trimBrackets(joined));
    } else {
      out.push(elem);
    }
  }
  return out;
}

function trimBrackets(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === "[" || s[a] === "]")) a++;
  while (b > a && (s[b - 1] === "[" || s[b - 1] === "]")) b--;
  return s.slice(a, b);
}

function isListIndex(p: string): boolean {
  return p.startsWith("[") && p.endsWith("]");
}

function isIndex(p: string): boolean {
  return /^[+-]?[0-9]+$/.test(p) && Number.parseInt(p, 10) >= 0;
}

function splitIndex(p: string): [string, string] {
  const inner = p.replace(/\]$/, "").replace(/^\[/, "");
  const eq = inner.indexOf("=");
  if (eq < 0) {
    throw fail("list path element must contain fieldName=fieldValue for element to match");
  }
  return [inner.slice(0, eq), inner.slice(eq + 1)];
}

/** The text a yaml.Node holds for a scalar (maps and lists hold none). */
export function scalarText(v: Value | undefined): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return "";
}

function isScalar(v: Value | undefined): boolean {
  return v !== undefined && !Array.isArray(v) && !isMap(v);
}

/** kyaml's PathGetter (no create): the value at the path, or undefined. */
export function lookupField(root: Value, path: string[]): Value | undefined {
  let current: Value | undefined = root;
  for (const raw of path.map((p) => p.trim()).filter((p) => p !== "")) {
    if (current === undefined || current === null) return undefined;
    if (/^-?[0-9]+$/.test(raw)) {
      const idx = Number.parseInt(raw, 10);
      if (idx < 0) throw fail(`array index ${idx} cannot be negative`);
      if (!Array.isArray(current)) throw fail(`wrong node kind: expected SequenceNode`);
      current = current[idx];
    } else if (raw === "-") {
      if (!Array.isArray(current)) throw fail(`wrong node kind: expected SequenceNode`);
      current = current[current.length - 1];
    } else if (raw === "*") {
      throw fail("wildcard is not supported in PathGetter");
    } else if (isListIndex(raw)) {
      const [field, value] = splitIndex(raw);
      if (!Array.isArray(current)) throw fail(`wrong node kind: expected SequenceNode`);
      current = current.find((e) =>
        field === ""
          ? isScalar(e) && scalarText(e) === value
          : isMap(e) && Object.hasOwn(e, field) && scalarText(e[field]) === value,
      );
    } else {
      if (!isMap(current)) {
        if (isScalar(current)) throw fail(`wrong node kind: expected MappingNode`);
        return undefined;
      }
      current = Object.hasOwn(current, raw) ? current[raw] : undefined;
    }
  }
  return current;
}

/** A place a path matched: the container and the key or index inside it. */
export interface FieldSlot {
  parent: ValueMap | Value[];
  key: string | number;
}

type CreateKind = "scalar" | "map" | "seq" | undefined;

function kindFor(next: string | undefined, fallback: CreateKind): CreateKind {
  if (next === undefined) return fallback;
  if (isListIndex(next) || isIndex(next)) return "seq";
  return "map";
}

function newNode(kind: CreateKind): Value {
  if (kind === "map") return newMap();
  if (kind === "seq") return [];
  return CREATED;
}

/** Marks a scalar field made by `create`; its type is resolved from the text written into it. */
const CREATED = "\u0000kustomize-ts-created\u0000";

function elementText(v: Value): string {
  if (typeof v === "string") return v;
  return scalarText(v);
}

/**
 * kyaml's PathMatcher: every slot the path reaches, creating missing fields, elements and list
 * items when `create` is given (the kind of the value to be written).
 */
export function matchFieldSlots(root: ValueMap, path: string[], create: CreateKind): FieldSlot[] {
  const out: FieldSlot[] = [];
  walkSlots({ parent: [root], key: 0 }, path, create, out);
  return out;
}

function valueAt(slot: FieldSlot): Value | undefined {
  const { parent, key } = slot;
  if (Array.isArray(parent)) return parent[key as number];
  return Object.hasOwn(parent, key as string) ? parent[key as string] : undefined;
}

function walkSlots(slot: FieldSlot, path: string[], create: CreateKind, out: FieldSlot[]): void {
  const node = valueAt(slot);
  if (path.length === 0) {
    out.push(slot);
    return;
  }
  const [head, ...rest] = path as [string, ...string[]];
  if (isIndex(head)) {
    if (!Array.isArray(node)) throw fail("wrong node kind: expected SequenceNode");
    const idx = Number.parseInt(head, 10);
    if (node.length === idx && create) node.push(newNode(kindFor(rest[0], create)));
    if (node.length < idx + 1) {
      throw fail(`index ${idx} specified but only ${node.length} elements found`);
    }
    walkSlots({ parent: node, key: idx }, rest, create, out);
    return;
  }
  if (isListIndex(head)) {
    if (node === null || node === undefined) return;
    if (!Array.isArray(node)) throw fail("wrong node kind: expected SequenceNode");
    const [field, pattern] = splitIndex(head);
    const re = goRegExp(pattern, false);
    const before = out.length;
    node.forEach((element, i) => {
      if (field === "") {
        if (re.test(elementText(element).trim())) out.push({ parent: node, key: i });
        return;
      }
      if (!isMap(element) || !Object.hasOwn(element, field)) return;
      const v = element[field];
      if (v === null || v === undefined) return;
      if (!re.test(elementText(v).trim())) return;
      walkSlots({ parent: node, key: i }, rest, create, out);
    });
    if (out.length > before || !create) return;
    if (field === "") node.push(pattern);
    else {
      const element = newMap();
      element[field] = pattern;
      node.push(element);
    }
    walkSlots(slot, path, create, out);
    return;
  }
  if (head === "*") {
    if (node === null || node === undefined) return;
    if (!Array.isArray(node)) throw fail("wrong node kind: expected SequenceNode");
    for (let i = 0; i < node.length; i++) walkSlots({ parent: node, key: i }, rest, create, out);
    return;
  }
  if (node === null || node === undefined) return;
  if (!isMap(node)) throw fail("wrong node kind: expected MappingNode");
  if (!Object.hasOwn(node, head)) {
    if (!create) return;
    node[head] = newNode(kindFor(rest[0], create));
  }
  walkSlots({ parent: node, key: head }, rest, create, out);
}

/** Replacement `options`: split the scalar at `delimiter` and use part `index`; `create` fields. */
export interface FieldOptions {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

/** The value a replacement source gives (after `options.delimiter`/`index`). */
export function refineSourceValue(value: Value, options: FieldOptions | undefined): Value {
  if (!options?.delimiter) return value;
  if (!isScalar(value)) throw fail("delimiter option can only be used with scalar nodes");
  const parts = scalarText(value).split(options.delimiter);
  const index = options.index ?? 0;
  if (index >= parts.length || index < 0) {
    throw fail(`options.index ${index} is out of bounds for value ${scalarText(value)}`);
  }
  return parts[index] as string;
}

/**
 * Writes `value` into each target field path of `target` (mutated) as kustomize's replacement
 * filter does: scalars keep the target's type, other targets are replaced by a copy.
 */
export function writeReplacement(
  target: ValueMap,
  fieldPath: string,
  value: Value,
  options: FieldOptions | undefined,
): void {
  const create: CreateKind = options?.create
    ? Array.isArray(value)
      ? "seq"
      : isMap(value)
        ? "map"
        : "scalar"
    : undefined;
  let slots: FieldSlot[];
  try {
    slots = matchFieldSlots(target, splitFieldPath(fieldPath), create);
  } catch (e) {
    const what = create ? "unable to find or create field" : "unable to find field";
    throw fail(`${what} "${fieldPath}" in replacement target: ${(e as Error).message}`);
  }
  if (slots.length === 0) {
    const what = create ? "unable to find or create field" : "unable to find field";
    throw fail(`${what} "${fieldPath}" in replacement target`);
  }
  for (const slot of slots) setSlot(slot, value, options);
}

function setSlot(slot: FieldSlot, source: Value, options: FieldOptions | undefined): void {
  const current = valueAt(slot);
  let value = source;
  if (options?.delimiter) {
    if (!isScalar(current)) throw fail("delimiter option can only be used with scalar nodes");
    const parts = (current === CREATED ? "" : scalarText(current)).split(options.delimiter);
    const v = scalarText(value);
    const index = options.index ?? 0;
    if (index < 0) parts.unshift(v);
    else if (index >= parts.length) parts.push(v);
    else parts[index] = v;
    value = parts.join(options.delimiter);
  }
  let next: Value;
  if (isScalar(current)) {
    next = retype(scalarText(value), current as Value);
  } else {
    next = deepCopy(value);
  }
  const { parent, key } = slot;
  if (Array.isArray(parent)) parent[key as number] = next;
  else parent[key as string] = next;
}

/** The value a scalar node holding `text` decodes to, given the node's previous value (its tag). */
function retype(text: string, previous: Value): Value {
  if (previous === CREATED || previous === null) return resolvePlainScalar(text);
  if (typeof previous === "string") return text;
  // The node keeps its tag; go-yaml then fails to decode text that does not fit it.
  const resolved = resolvePlainScalar(text);
  if (typeof previous === "boolean") {
    if (typeof resolved === "boolean") return resolved;
    throw fail(`cannot decode !!str \`${text}\` as a !!bool`);
  }
  const isInt =
    typeof resolved === "bigint" || (typeof resolved === "number" && Number.isInteger(resolved));
  const integralTarget =
    typeof previous === "bigint" || (typeof previous === "number" && Number.isInteger(previous));
  if (isInt || (!integralTarget && typeof resolved === "number")) return resolved;
  throw fail(`cannot decode !!str \`${text}\` as a !!${integralTarget ? "int" : "float"}`);
}

/** A plain scalar resolved with go-yaml v3's YAML 1.2 rules (ints, floats, booleans, null). */
export function resolvePlainScalar(text: string): Value {
  if (text === "" || text === "~" || text === "null" || text === "Null" || text === "NULL") {
    return null;
  }
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  const plain = text.replaceAll("_", "");
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(plain) || /^[-+]?0[0-7]+$/.test(plain)) {
    const big = /^[-+]?0[0-7]+$/.test(plain)
      ? BigInt(`${plain.startsWith("-") ? "-" : ""}0o${plain.replace(/^[-+]?0/, "")}`)
      : BigInt(plain);
    return toNumber(big);
  }
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(plain) || /^[-+]?0o[0-7]+$/.test(plain)) {
    const neg = plain.startsWith("-");
    const big = BigInt(plain.replace(/^[-+]/, ""));
    return toNumber(neg ? -big : big);
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number(plain);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return Number.NaN;
  return text;
}

function toNumber(big: bigint): Value {
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big;
}

/** Removes `create` markers left on created scalar fields that were never written. */
export function isCreatedMarker(v: Value): boolean {
  return v === CREATED;
}
