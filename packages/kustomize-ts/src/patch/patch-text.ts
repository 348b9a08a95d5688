import { parse } from "yaml";
import { KustomizeError } from "../errors.ts";
import { isMap, newMap, type Value, type ValueMap } from "../value.ts";
import type { JsonPatchOperation } from "./json-patch.ts";

/** What a patch text turned out to be. */
export type ClassifiedPatch =
  | { type: "strategic-merge"; patches: ValueMap[] }
  | { type: "json6902"; operations: JsonPatchOperation[] };

/**
 * Decides whether patch text is a strategic-merge patch (resources) or a JSON 6902 patch (a JSON
 * array, or YAML read as YAML 1.1 and turned into JSON), as kustomize's PatchTransformer does.
 * `readResources` decodes the text as resource documents and throws when it cannot (each
 * document needs a kind and metadata.name).
 * @param source names the patch in errors, e.g. `[path: "patch.yaml"]`.
 */
export function classifyPatch(
  text: string,
  source: string,
  readResources: (text: string) => ValueMap[],
): ClassifiedPatch {
  let sm: ValueMap[] | undefined;
  let json: JsonPatchOperation[] | undefined;
  try {
    sm = readResources(text);
  } catch {
    sm = undefined;
  }
  try {
    json = decodeJsonPatch(text);
  } catch {
    json = undefined;
  }
  if (sm !== undefined && json !== undefined) {
    throw new KustomizeError(
      "PATCH",
      `illegally qualifies as both an SM and JSON patch: ${source}`,
    );
  }
  if (sm === undefined && json === undefined) {
    throw new KustomizeError("PATCH", `unable to parse SM or JSON patch from ${source}`);
  }
  return sm !== undefined
    ? { type: "strategic-merge", patches: sm }
    : { type: "json6902", operations: json as JsonPatchOperation[] };
}

/** Decodes JSON 6902 operations: JSON when the text starts with `[`, else YAML 1.1. */
export function decodeJsonPatch(text: string): JsonPatchOperation[] {
  if (text === "") throw new KustomizeError("PATCH", "empty json patch operations");
  const raw: unknown = text.startsWith("[")
    ? JSON.parse(text, (_k, v: unknown) => v)
    : parse(text, { version: "1.1", intAsBigInt: true, uniqueKeys: false, merge: true });
  if (!Array.isArray(raw)) throw new KustomizeError("PATCH", "json patch must be an array");
  return raw.map((op) => {
    const v = toValue(op);
    if (!isMap(v)) throw new KustomizeError("PATCH", "json patch operation must be an object");
    return v;
  });
}

/** A JavaScript value from a YAML 1.1 / JSON decoder as a kustomize-ts Value. */
export function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().replace(".000Z", "Z");
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof Map) {
    const out = newMap();
    for (const [k, x] of v) out[String(k)] = toValue(x);
    return out;
  }
  if (typeof v === "object") {
    const out = newMap();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toValue(x);
    return out;
  }
  return String(v);
}
