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
