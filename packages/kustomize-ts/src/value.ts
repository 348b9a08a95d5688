/**
 * A decoded YAML value as kustomize holds it. Integers outside JavaScript's safe range are
 * `bigint` so that values up to the uint64 range print exactly; every other number is a `number`.
 * Maps are plain objects with a null prototype (a `__proto__` key is data, not a prototype).
 */
export type Scalar = null | boolean | number | bigint | string;
export type Value = Scalar | Value[] | ValueMap;
export type ValueMap = { [key: string]: Value };

export function isMap(value: unknown): value is ValueMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A new empty map with a null prototype. */
export function newMap(): ValueMap {
  return Object.create(null) as ValueMap;
}

/** A deep copy; maps keep their null prototype. */
export function cloneValue<T extends Value>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => cloneValue(v)) as T;
  const out = newMap();
  for (const key of Object.keys(value)) out[key] = cloneValue(value[key] as Value);
  copyEmptyNulls(value, out);
  return out as T;
}

/** The map under `key` of `map`, or undefined when absent or not a map. */
export function getMap(map: ValueMap, key: string): ValueMap | undefined {
  const v = Object.hasOwn(map, key) ? map[key] : undefined;
  return isMap(v) ? v : undefined;
}

/** The value under `key`, or undefined when the key is absent. */
export function getField(map: ValueMap, key: string): Value | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** How a scalar reads as text, as go-yaml's `Node.Value` would for the common cases. */
export function scalarText(value: Value | undefined): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  return "";
}

const nullTexts = new WeakMap<ValueMap, Map<string, string>>();

/**
 * Records how a null map value was written (`""` for an empty value, `null`, `~`, ...). kyaml
 * keeps that text: a strategic merge patch keeps an explicit null of the resource but drops an
 * empty one, and labels/annotations read as strings give the text.
 */
export function markNullText(map: ValueMap, key: string, text: string): void {
  let texts = nullTexts.get(map);
  if (!texts) {
    texts = new Map();
    nullTexts.set(map, texts);
  }
  texts.set(key, text);
}

/** How the null at `map[key]` was written; "null" when unknown. */
export function nullText(map: ValueMap, key: string): string {
  return nullTexts.get(map)?.get(key) ?? "null";
}

/** True when `map[key]` is a null written as an empty value (`key:`). */
export function isEmptyNull(map: ValueMap, key: string): boolean {
  return map[key] === null && nullTexts.get(map)?.get(key) === "";
}

/** Carries the null texts of `from` over to its copy `to`. */
export function copyEmptyNulls(from: ValueMap, to: ValueMap): void {
  const texts = nullTexts.get(from);
  if (texts) nullTexts.set(to, new Map(texts));
}
