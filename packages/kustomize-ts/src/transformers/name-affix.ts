import { applyFieldSpec, type FieldSpec, type SetFn } from "../fieldspec.ts";
import { type GvkSelector, gvkSelected } from "../resid.ts";
import type { ResMap } from "../resmap.ts";
import { scalarText, type Value } from "../value.ts";

/** Kinds whose names never get a prefix or suffix (kustomize's `prefixFieldSpecsToSkip`). */
const SKIP: GvkSelector[] = [
  { kind: "CustomResourceDefinition" },
  { group: "apiregistration.k8s.io", kind: "APIService" },
  { kind: "Namespace" },
];

/**
 * Kustomize's PrefixTransformer / SuffixTransformer: for each field spec selecting the
 * resource's original GVK, the field gets the affix; renaming `metadata/name` records the
 * affix and the previous id (which name references use later).
 */
export function transformNameAffix(
  m: ResMap,
  affix: string,
  position: "prefix" | "suffix",
  fieldSpecs: readonly FieldSpec[],
): void {
  if (affix === "") return;
  const set: SetFn = (holder, key) => {
    const h = holder as Record<string | number, Value>;
    const current = scalarText(h[key]);
    h[key] = position === "prefix" ? affix + current : current + affix;
  };
  for (const r of m.resources()) {
    const org = r.orgId();
    if (SKIP.some((s) => gvkSelected(org.gvk, s))) continue;
    for (const fs of fieldSpecs) {
      if (!gvkSelected(org.gvk, fs)) continue;
      if (fs.path === "metadata/name") {
        if (position === "prefix") r.prefixes.push(affix);
        else r.suffixes.push(affix);
        r.storePreviousId();
      }
      applyFieldSpec(r, fs, set, "scalar");
    }
  }
}
