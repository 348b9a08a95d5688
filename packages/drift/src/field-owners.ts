import type { JsonObject, JsonValue } from "@fleet-baseline/model";
import { canonicalJson, isObject } from "./json.ts";

/** Field managers whose live-only fields the unknown-defaults guard trusts (drift.md 3.4). */
export const DEFAULT_TRUSTED_MANAGERS: readonly string[] = [
  "kube-controller-manager",
  "clusterrole-aggregation-controller",
];

/**
 * The managers owning a field or anything below it, read from FieldsV1 sets (`f:<key>`,
 * `k:{...}`, `v:<json>`, `i:<index>`). A leaf above the path (an atomic list or map) owns the
 * whole subtree. `value` is the live value the path starts from, used to name list items.
 */
export function ownersOf(
  entries: ReadonlyArray<{ manager: string; fields: JsonObject }>,
  tokens: readonly string[],
  value: JsonValue,
): string[] {
  const owners = new Set<string>();
  for (const entry of entries) {
    if (ownsPath(entry.fields, tokens, value)) owners.add(entry.manager);
  }
  return [...owners].sort();
}

function ownsPath(fields: JsonObject, tokens: readonly string[], start: JsonValue): boolean {
  let node: JsonObject = fields;
  let value: JsonValue | undefined = start;
  for (const [depth, token] of tokens.entries()) {
    if (depth > 0 && Object.keys(node).length === 0) return true;
    const child: JsonValue | undefined = Array.isArray(value)
      ? listItem(node, value[Number(token)], token)
      : node[`f:${token}`];
    if (!isObject(child)) return false;
    node = child;
    value = Array.isArray(value)
      ? value[Number(token)]
      : isObject(value)
        ? value[token]
        : undefined;
  }
  return true;
}

/** The FieldsV1 node of one list item: by index, by value (sets) or by its key fields. */
function listItem(
  node: JsonObject,
  item: JsonValue | undefined,
  index: string,
): JsonValue | undefined {
  const byIndex = node[`i:${index}`];
  if (byIndex !== undefined) return byIndex;
  if (item === undefined) return undefined;
  for (const [key, child] of Object.entries(node)) {
    const parsed = key.startsWith("v:") || key.startsWith("k:") ? parse(key.slice(2)) : undefined;
    if (parsed === undefined) continue;
    if (key.startsWith("v:") && looseEqual(parsed, item)) return child;
    if (
      key.startsWith("k:") &&
      isObject(parsed) &&
      isObject(item) &&
      Object.entries(parsed).every(([field, want]) => looseEqual(want, item[field]))
    ) {
      return child;
    }
  }
  return undefined;
}

function parse(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Equality that tolerates normalization respelling scalars (Calico ports `"53"` and `53`). */
function looseEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (isObject(a) || Array.isArray(a) || isObject(b) || Array.isArray(b)) {
    return canonicalJson(a) === canonicalJson(b);
  }
  return a !== undefined && b !== undefined && String(a) === String(b);
}
