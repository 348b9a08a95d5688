import { decodeStream } from "./codec.ts";
import { KustomizeError } from "./errors.ts";
import { validateMetadata } from "./resource.ts";
import { cloneValue, getField, isMap, scalarText, type Value, type ValueMap } from "./value.ts";

const utf8 = new TextDecoder("utf-8");

export function bytesToText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * The resources of one file as kustomize's resource factory reads them: documents in file order,
 * empty ones skipped, each checked for kind and name, and every `*List` with `items` replaced
 * by its items, which go to the end of the file's queue (nested lists likewise).
 */
export function resourcesFromText(text: string, file: string): ValueMap[] {
  const queue: Value[] = [];
  for (const doc of decodeStream(text, file)) {
    if (isNilOrEmpty(doc)) continue;
    validateMetadata(doc, file);
    queue.push(doc);
  }
  const out: ValueMap[] = [];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as ValueMap;
    const kind = scalarText(getField(node, "kind"));
    if (!kind.endsWith("List") || !Object.hasOwn(node, "items")) {
      out.push(node);
      continue;
    }
    const items = node.items;
    if (items === null || items === undefined) continue;
    if (!Array.isArray(items)) {
      throw new KustomizeError(
        "INVALID_RESOURCE",
        `${file}: expected array in ${kind}/items, but found ${typeof items}`,
        { file },
      );
    }
    for (const item of items) {
      if (isNilOrEmpty(item)) continue;
      validateMetadata(item, file);
      queue.push(cloneValue(item));
    }
  }
  return out;
}

function isNilOrEmpty(v: Value): boolean {
  return v === null || (isMap(v) && Object.keys(v).length === 0);
}
