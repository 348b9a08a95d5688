import { isJsonObject, type JsonObject } from "@fleet-baseline/model";

/** `value` if it is a plain object, else an empty one: manifests are untrusted shapes. */
export function obj(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** `value` if it is an array of plain objects (others dropped), else an empty array. */
export function objs(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** `value` if it is an array, its string elements; else an empty array. */
export function strs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function labelsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) if (typeof v === "string") out[k] = v;
  return out;
}

/** `a, b, c` for messages. */
export function list(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(", ");
}
