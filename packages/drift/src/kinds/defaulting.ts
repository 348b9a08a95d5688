import type { JsonObject, JsonValue } from "@fleet-baseline/model";
import { isEmpty, isObject } from "../json.ts";

/** The child object at `key`, or undefined. */
export function child(parent: unknown, key: string): JsonObject | undefined {
  if (!isObject(parent)) return undefined;
  const value = parent[key];
  return isObject(value) ? value : undefined;
}

/** The child list at `key`, or an empty list. */
export function items(parent: unknown, key: string): JsonValue[] {
  if (!isObject(parent)) return [];
  const value = parent[key];
  return Array.isArray(value) ? value : [];
}

/** Sets `key` to `value` when absent or empty (a server default). */
export function setDefault(target: unknown, key: string, value: JsonValue): void {
  if (isObject(target) && isEmpty(target[key])) target[key] = value;
}

/** Each element of `list` that is an object. */
export function objects(list: JsonValue[]): JsonObject[] {
  return list.filter(isObject);
}
