import { resolveV3 } from "../codec.ts";
import { KustomizeError } from "../errors.ts";
import { applyFieldSpecs, type FieldSpec } from "../fieldspec.ts";
import type { ResMap } from "../resmap.ts";
import type { Resource } from "../resource.ts";
import { isMap, type Value, type ValueMap } from "../value.ts";

/**
 * Kustomize's LabelTransformer and AnnotationsTransformer: every entry is written as a string
 * into each map the field specs reach, creating the maps where the spec says so.
 */
export function setStringEntries(
  m: ResMap,
  entries: Readonly<Record<string, string>> | undefined,
  fieldSpecs: readonly FieldSpec[],
): void {
  if (!entries) return;
  const keys = Object.keys(entries).sort();
  if (keys.length === 0) return;
  for (const r of m.resources()) {
    for (const key of keys) {
      const value = entries[key] ?? "";
      // Kustomize inserts one node per (object, key) everywhere the key is new: those entries
      // stay linked for later in-place writes.
      const created: Array<{ map: ValueMap; key: string }> = [];
      applyFieldSpecs(
        r,
        fieldSpecs,
        (holder, k) => {
          const target = (holder as Record<string | number, Value>)[k];
          if (!isMap(target)) {
            throw new KustomizeError(
              "INVALID_RESOURCE",
              `${r}: cannot set ${key} in field ${String(k)}: it is not a map`,
            );
          }
          if (r.setEntry(target, key, value)) {
            checkCreatedKey(r, key);
            created.push({ map: target, key });
          }
        },
        "map",
      );
      if (created.length > 1) r.aliases.push(created);
    }
  }
}

/**
 * Kustomize writes the label and annotation keys it creates without a tag and reads its output
 * back with go-yaml v3, so a key such as `1`, `null`, `true`, `.0_0` or `2024-01-01` is no longer
 * a string there and Go's JSON encoder fails on the map (`kubectl kustomize` fails).
 */
export function checkCreatedKey(r: Resource, key: string): void {
  if (resolveV3(key).tag === "!!str") return;
  throw new KustomizeError(
    "SERIALIZE",
    `${r}: json: unsupported type: map[interface {}]interface {} (key ${JSON.stringify(key)} is not a string)`,
  );
}
