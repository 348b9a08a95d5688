import type { Accumulator } from "./accumulator.ts";
import { TRANSFORMERS_STEP, VALIDATORS_STEP } from "./plugins.ts";
import type { Target } from "./target.ts";
import { mergeFieldSpecs } from "./transformer-config.ts";
import { transformImages } from "./transformers/images.ts";
import { setStringEntries } from "./transformers/labels.ts";
import { transformNameAffix } from "./transformers/name-affix.ts";
import { transformNamespace } from "./transformers/namespace.ts";
import {
  PATCHES_JSON6902_STEP,
  PATCHES_STEP,
  PATCHES_STRATEGIC_MERGE_STEP,
} from "./transformers/patches.ts";
import { REPLACEMENTS_STEP } from "./transformers/replacements.ts";
import { transformReplicas } from "./transformers/replicas.ts";

/** What a transformer step sees: the kustomization being built and everything accumulated. */
export interface StepContext {
  readonly target: Target;
  readonly acc: Accumulator;
}

/**
 * One builtin transformer of a kustomization level. Steps run in list order over the
 * accumulated resources (section 1, step 6 of the spec); a step whose field is unset does nothing.
 */
export interface TransformStep {
  /** The kustomization field that configures the step. */
  readonly field: string;
  run(ctx: StepContext): void;
}

/**
 * The builtin transformers in kustomize v5.5.0's fixed order, then the `transformers:` plugins
 * and the `validators:` plugins.
 */
export const TRANSFORM_STEPS: TransformStep[] = [
  PATCHES_STRATEGIC_MERGE_STEP,
  PATCHES_STEP,
  {
    field: "namespace",
    run({ target, acc }) {
      const ns = target.kustomization.namespace ?? "";
      transformNamespace(acc.resMap, { namespace: ns, fieldSpecs: acc.config.namespace });
    },
  },
  {
    field: "namePrefix",
    run({ target, acc }) {
      const prefix = target.kustomization.namePrefix ?? "";
      transformNameAffix(acc.resMap, prefix, "prefix", acc.config.namePrefix);
    },
  },
  {
    field: "nameSuffix",
    run({ target, acc }) {
      const suffix = target.kustomization.nameSuffix ?? "";
      transformNameAffix(acc.resMap, suffix, "suffix", acc.config.nameSuffix);
    },
  },
  {
    field: "labels",
    run({ target, acc }) {
      const k = target.kustomization;
      const tc = acc.config;
      for (const label of k.labels ?? []) {
        let specs = mergeFieldSpecs(
          (label.fields ?? []).map((f) => ({ ...f, path: f.path ?? "" })),
          tc.labels,
        );
        if (label.includeSelectors) specs = mergeFieldSpecs(specs, tc.commonLabels);
        else {
          if (label.includeTemplates) specs = mergeFieldSpecs(specs, tc.templateLabels);
          specs = mergeFieldSpecs(specs, [{ path: "metadata/labels", create: true }]);
        }
        setStringEntries(acc.resMap, label.pairs, specs);
      }
      setStringEntries(acc.resMap, k.commonLabels, tc.commonLabels);
    },
  },
  {
    field: "commonAnnotations",
    run({ target, acc }) {
      setStringEntries(
        acc.resMap,
        target.kustomization.commonAnnotations,
        acc.config.commonAnnotations,
      );
    },
  },
  PATCHES_JSON6902_STEP,
  {
    field: "replicas",
    run({ target, acc }) {
      for (const r of target.kustomization.replicas ?? [])
        transformReplicas(acc.resMap, r, acc.config.replicas);
    },
  },
  {
    field: "images",
    run({ target, acc }) {
      for (const image of target.kustomization.images ?? [])
        transformImages(acc.resMap, image, acc.config.images);
    },
  },
  REPLACEMENTS_STEP,
  TRANSFORMERS_STEP,
  VALIDATORS_STEP,
];
