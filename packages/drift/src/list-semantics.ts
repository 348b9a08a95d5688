import type { JsonValue } from "@fleet-baseline/model";
import { canonicalJson, isObject } from "./json.ts";

/**
 * Which lists are sets. A pattern is a `/`-separated path relative to the object (no leading
 * slash) where `*` matches one token (a key or any list index) and `**` any number of tokens:
 * `spec/ingress/*\/from`, `**\/matchExpressions`. Lists that match no pattern are ordered.
 */
export type ListMatcher = (tokens: readonly string[]) => boolean;

/** Compiles set-list patterns into one matcher. */
export function compileListPatterns(patterns: readonly string[]): ListMatcher {
  const compiled = patterns.map((p) => p.split("/"));
  return (tokens) => compiled.some((pattern) => matches(pattern, 0, tokens, 0));
}

function matches(
  pattern: readonly string[],
  pi: number,
  tokens: readonly string[],
  ti: number,
): boolean {
  if (pi === pattern.length) return ti === tokens.length;
  const head = pattern[pi];
  if (head === "**") {
    for (let skip = ti; skip <= tokens.length; skip++) {
      if (matches(pattern, pi + 1, tokens, skip)) return true;
    }
    return false;
  }
  if (ti === tokens.length) return false;
  return (head === "*" || head === tokens[ti]) && matches(pattern, pi + 1, tokens, ti + 1);
}

/** The token used for every list index when matching patterns. */
export const INDEX = "*";

/**
 * Sorts, in place, every set-like list (after normalizing its elements) so that two values equal
 * as sets of elements become equal as JSON. Duplicates are kept: sets are compared as multisets.
 * Returns the value.
 */
export function sortSetLists(
  value: JsonValue,
  isSet: ListMatcher,
  tokens: string[] = [],
): JsonValue {
  if (Array.isArray(value)) {
    tokens.push(INDEX);
    for (const item of value) sortSetLists(item, isSet, tokens);
    tokens.pop();
    if (value.length > 1 && isSet(tokens)) {
      const keyed = value.map((item) => [canonicalJson(item), item] as const);
      keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      keyed.forEach(([, item], i) => {
        value[i] = item;
      });
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      tokens.push(key);
      sortSetLists(value[key] as JsonValue, isSet, tokens);
      tokens.pop();
    }
  }
  return value;
}
