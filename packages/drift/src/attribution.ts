import type { JsonObject } from "@fleet-baseline/model";
import { isObject } from "./json.ts";

/** Who last wrote a field, from `metadata.managedFields`. */
export interface ChangedBy {
  manager: string;
  operation: string;
  time?: string;
}

interface Entry extends ChangedBy {
  fields: JsonObject;
}

/** The managedFields entries of an object (status subresource writes excluded). */
export function managedEntries(metadata: unknown): Entry[] {
  const list = isObject(metadata) ? metadata.managedFields : undefined;
  if (!Array.isArray(list)) return [];
  const out: Entry[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.manager !== "string" || item.subresource === "status")
      continue;
    const entry: Entry = {
      manager: item.manager,
      operation: typeof item.operation === "string" ? item.operation : "",
      fields: isObject(item.fieldsV1) ? item.fieldsV1 : {},
    };
    if (typeof item.time === "string") entry.time = item.time;
    out.push(entry);
  }
  return out;
}

/**
 * The manager owning the deepest part of a path (FieldsV1 `f:<key>` down to the first list, whose
 * items are keyed in ways a normalized path cannot name), the latest write winning ties.
 */
export function attribute(
  entries: readonly Entry[],
  tokens: readonly string[],
): ChangedBy | undefined {
  let best: { entry: Entry; depth: number } | undefined;
  for (const entry of entries) {
    let node: unknown = entry.fields;
    let depth = 0;
    for (const token of tokens) {
      const next = isObject(node) ? node[`f:${token}`] : undefined;
      if (next === undefined) break;
      node = next;
      depth += 1;
    }
    if (depth === 0) continue;
    if (
      !best ||
      depth > best.depth ||
      (depth === best.depth && (entry.time ?? "") > (best.entry.time ?? ""))
    ) {
      best = { entry, depth };
    }
  }
  if (!best) return undefined;
  const { manager, operation, time } = best.entry;
  return time === undefined ? { manager, operation } : { manager, operation, time };
}
