import type { JsonValue } from "@fleet-baseline/model";
import { deepEqual, isObject } from "./json.ts";
import { INDEX, type ListMatcher } from "./list-semantics.ts";
import type { ChangeReason } from "./types.ts";

/** One field that differs, located by its path tokens (list indexes as strings). */
export interface FieldDiff {
  tokens: string[];
  reason: ChangeReason;
  /** Absent when git does not set the field. */
  desired?: JsonValue;
  /** Absent when the cluster lacks the field. */
  live?: JsonValue;
}

/**
 * Compares two normalized values field by field. Maps: a key on one side only is reported at that
 * key. Set-like lists (already sorted) differ as a whole, at the list path. Ordered lists of equal
 * length are compared element by element; otherwise at the list path. Scalars: booleans equal only
 * booleans, numbers numerically, strings exactly.
 */
export function compareValues(
  desired: JsonValue,
  live: JsonValue,
  isSet: ListMatcher,
  out: FieldDiff[] = [],
  tokens: string[] = [],
  pattern: string[] = [],
): FieldDiff[] {
  if (isObject(desired) && isObject(live)) {
    const keys = [...new Set([...Object.keys(desired), ...Object.keys(live)])].sort();
    for (const key of keys) {
      const d = desired[key];
      const l = live[key];
      if (l === undefined && d !== undefined) {
        out.push({ tokens: [...tokens, key], reason: "missing-live", desired: d });
      } else if (d === undefined && l !== undefined) {
        out.push({ tokens: [...tokens, key], reason: "added-live", live: l });
      } else if (d !== undefined && l !== undefined && !(d === l)) {
        tokens.push(key);
        pattern.push(key);
        compareValues(d, l, isSet, out, tokens, pattern);
        tokens.pop();
        pattern.pop();
      }
    }
    return out;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    if (deepEqual(desired, live)) return out;
    if (isSet(pattern) || desired.length !== live.length) {
      out.push({ tokens: [...tokens], reason: "list-differs", desired, live });
      return out;
    }
    pattern.push(INDEX);
    desired.forEach((d, i) => {
      tokens.push(String(i));
      compareValues(d, live[i] as JsonValue, isSet, out, tokens, pattern);
      tokens.pop();
    });
    pattern.pop();
    return out;
  }
  if (kindOf(desired) !== kindOf(live)) {
    out.push({ tokens: [...tokens], reason: "type-differs", desired, live });
  } else if (desired !== live) {
    out.push({ tokens: [...tokens], reason: "value-differs", desired, live });
  }
  return out;
}

function kindOf(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value;
}
