import { applyFieldSpecs, type FieldSpec } from "../fieldspec.ts";
import type { ImageArg } from "../kustomization.ts";
import type { ResMap } from "../resmap.ts";
import { isMap, type Value, type ValueMap } from "../value.ts";

/**
 * Kustomize's ImageTagTransformer: first every `containers`/`initContainers` list at any depth
 * of any kind except CustomResourceDefinition, then the image field specs (so a `tagSuffix` is
 * applied twice where both reach the same field, as in v5.5.0).
 */
export function transformImages(
  m: ResMap,
  image: ImageArg,
  fieldSpecs: readonly FieldSpec[],
): void {
  const update = makeUpdater(image);
  for (const r of m.resources()) {
    if (r.kind === "CustomResourceDefinition") continue;
    walkContainers(r.obj, update);
  }
  for (const r of m.resources()) {
    if (r.kind === "CustomResourceDefinition") continue;
    applyFieldSpecs(r, fieldSpecs, (holder, key) => {
      const h = holder as Record<string | number, Value>;
      const v = h[key];
      if (typeof v !== "string") return;
      const next = update(v);
      if (next !== undefined) h[key] = next;
    });
  }
}

function walkContainers(node: Value, update: (image: string) => string | undefined): void {
  if (Array.isArray(node)) {
    for (const item of node) walkContainers(item, update);
    return;
  }
  if (!isMap(node)) return;
  for (const key of Object.keys(node)) {
    const value = node[key] as Value;
    walkContainers(value, update);
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      for (const c of value) {
        if (!isMap(c)) continue;
        const img = (c as ValueMap).image;
        if (typeof img !== "string") continue;
        const next = update(img);
        if (next !== undefined) c.image = next;
      }
    }
  }
}

function makeUpdater(image: ImageArg): (value: string) => string | undefined {
  let pattern: RegExp | undefined;
  try {
    pattern = new RegExp(`^${image.name ?? ""}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
  } catch {
    pattern = undefined;
  }
  return (value) => {
    if (!pattern?.test(value)) return undefined;
    let [name, tag, digest] = splitImage(value);
    if (image.newName) name = image.newName;
    if (image.newTag && image.digest) {
      tag = image.newTag;
      digest = image.digest;
    } else if (image.newTag) {
      tag = image.newTag;
      digest = "";
    } else if (image.digest) {
      tag = "";
      digest = image.digest;
    } else if (image.tagSuffix) {
      tag += image.tagSuffix;
      digest = "";
    }
    let out = name;
    if (tag !== "") out += `:${tag}`;
    if (digest !== "") out += `@${digest}`;
    return out;
  };
}

/** Kustomize's `image.Split`: name, tag and digest; a registry port before the first `/` is kept. */
export function splitImage(imageName: string): [string, string, string] {
  let search = imageName;
  let slash = imageName.indexOf("/");
  if (slash > 0) search = imageName.slice(slash);
  else slash = 0;
  let id = search.indexOf("@");
  let ic = search.indexOf(":");
  if (ic < 0 && id < 0) return [imageName, "", ""];
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return [imageName.slice(0, id), "", imageName.slice(id + 1)];
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return [imageName.slice(0, ic), imageName.slice(ic + 1, id), imageName.slice(id + 1)];
  }
  ic += slash;
  return [imageName.slice(0, ic), imageName.slice(ic + 1), ""];
}
