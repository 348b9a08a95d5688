import {
  COMMON_ANNOTATIONS,
  COMMON_LABELS,
  IMAGES,
  NAME_PREFIX,
  NAME_REFERENCE,
  NAME_SUFFIX,
  NAMESPACE,
  type NameBackReference,
  REPLICAS,
  TEMPLATE_LABELS,
} from "./builtin-field-specs.ts";
import { KustomizeError } from "./errors.ts";
import type { FieldSpec } from "./fieldspec.ts";

/**
 * The field specs the builtin transformers use (kustomize's `TransformerConfig`). It starts as
 * the defaults and grows with `configurations` and `crds`; it travels upward from bases to
 * the overlays that include them.
 */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  /** Extra specs for every `labels` entry (the `labels` key of a configurations file). */
  labels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameBackReference[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

export function emptyTransformerConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    templateLabels: [],
    labels: [],
    commonAnnotations: [],
    nameReference: [],
    varReference: [],
    images: [],
    replicas: [],
  };
}

const DEFAULT: TransformerConfig = {
  namePrefix: [...NAME_PREFIX],
  nameSuffix: [...NAME_SUFFIX],
  namespace: [...NAMESPACE],
  commonLabels: [...COMMON_LABELS],
  templateLabels: [...TEMPLATE_LABELS],
  labels: [],
  commonAnnotations: [...COMMON_ANNOTATIONS],
  nameReference: NAME_REFERENCE.map((b) => ({ gvk: b.gvk, referrers: [...b.referrers] })),
  varReference: [],
  images: [...IMAGES],
  replicas: [...REPLICAS],
};

/** Configs known to contain every default spec: merging the defaults into them changes nothing. */
const SUPERSETS_OF_DEFAULT = new WeakSet<TransformerConfig>([DEFAULT]);

/**
 * Kustomize's default transformer config. One shared instance: treat it as read-only (merges
 * return new objects).
 */
export function defaultTransformerConfig(): TransformerConfig {
  return DEFAULT;
}

function isEmptyConfig(c: TransformerConfig): boolean {
  return Object.values(c).every((list) => (list as unknown[]).length === 0);
}

function sameGvk(a: FieldSpec | NameBackReference["gvk"], b: FieldSpec | NameBackReference["gvk"]) {
  return (
    (a.group ?? "") === (b.group ?? "") &&
    (a.version ?? "") === (b.version ?? "") &&
    (a.kind ?? "") === (b.kind ?? "")
  );
}

/**
 * Kustomize's `FsSlice.MergeAll`: appends specs not already present (same GVK and path); a
 * duplicate with a different `create` flag is an error.
 */
export function mergeFieldSpecs(
  base: readonly FieldSpec[],
  more: readonly FieldSpec[],
): FieldSpec[] {
  const out = [...base];
  for (const fs of more) {
    // `effectivelyEquals`: the existing spec is selected by the incoming one's GVK.
    const existing = out.find(
      (x) =>
        x.path === fs.path &&
        (!fs.group || fs.group === x.group) &&
        (!fs.version || fs.version === x.version) &&
        (!fs.kind || fs.kind === x.kind),
    );
    if (!existing) out.push(fs);
    else if ((existing.create ?? false) !== (fs.create ?? false)) {
      throw new KustomizeError(
        "INVALID_KUSTOMIZATION",
        `conflicting fieldspecs for path ${fs.path}`,
      );
    }
  }
  return out;
}

function mergeBackRefs(
  base: readonly NameBackReference[],
  more: readonly NameBackReference[],
): NameBackReference[] {
  const out = base.map((b) => ({ gvk: b.gvk, referrers: [...b.referrers] }));
  for (const b of more) {
    const existing = out.find((x) => sameGvk(x.gvk, b.gvk));
    if (existing) existing.referrers = mergeFieldSpecs(existing.referrers, b.referrers);
    else out.push({ gvk: b.gvk, referrers: [...b.referrers] });
  }
  return out;
}

/** Kustomize's `TransformerConfig.Merge`. */
export function mergeTransformerConfig(
  a: TransformerConfig,
  b: TransformerConfig,
): TransformerConfig {
  // Every level merges the defaults again; skip the quadratic merge when it cannot add anything.
  if (b === DEFAULT && SUPERSETS_OF_DEFAULT.has(a)) return a;
  if (a === DEFAULT && SUPERSETS_OF_DEFAULT.has(b)) return b;
  if (isEmptyConfig(a)) return b;
  if (isEmptyConfig(b)) return a;
  const merged = mergeConfigs(a, b);
  if (SUPERSETS_OF_DEFAULT.has(a) || SUPERSETS_OF_DEFAULT.has(b)) SUPERSETS_OF_DEFAULT.add(merged);
  return merged;
}

function mergeConfigs(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  return {
    namePrefix: mergeFieldSpecs(a.namePrefix, b.namePrefix),
    nameSuffix: mergeFieldSpecs(a.nameSuffix, b.nameSuffix),
    namespace: mergeFieldSpecs(a.namespace, b.namespace),
    commonLabels: mergeFieldSpecs(a.commonLabels, b.commonLabels),
    templateLabels: mergeFieldSpecs(a.templateLabels, b.templateLabels),
    labels: mergeFieldSpecs(a.labels, b.labels),
    commonAnnotations: mergeFieldSpecs(a.commonAnnotations, b.commonAnnotations),
    nameReference: mergeBackRefs(a.nameReference, b.nameReference),
    varReference: mergeFieldSpecs(a.varReference, b.varReference),
    images: mergeFieldSpecs(a.images, b.images),
    replicas: mergeFieldSpecs(a.replicas, b.replicas),
  };
}
