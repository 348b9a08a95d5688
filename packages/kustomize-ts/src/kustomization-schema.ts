/**
 * The Kustomization file's Go type, as a schema for strict decoding: kustomize decodes the
 * file's JSON form with `DisallowUnknownFields`, so unknown keys and wrongly typed values fail.
 */
export type FieldType =
  | "string"
  | "bool"
  | "int"
  | "any"
  | { readonly list: FieldType }
  | { readonly map: FieldType }
  | { readonly struct: StructType };

export type StructType = { readonly [field: string]: FieldType };

const str = "string" as const;
const bool = "bool" as const;
const strings = { list: str } as const;
const stringMap = { map: str } as const;

const gvk: StructType = { group: str, version: str, kind: str };
const resId: StructType = { ...gvk, name: str, namespace: str };
const selector: StructType = { ...resId, annotationSelector: str, labelSelector: str };
const fieldSpec: StructType = { ...gvk, path: str, create: bool };
const fieldOptions: StructType = { delimiter: str, index: "int", encoding: str, create: bool };
const generatorOptions: StructType = {
  labels: stringMap,
  annotations: stringMap,
  disableNameSuffixHash: bool,
  immutable: bool,
};
const generatorArgs: StructType = {
  namespace: str,
  name: str,
  behavior: str,
  literals: strings,
  files: strings,
  envs: strings,
  env: str,
  options: { struct: generatorOptions },
};
const patch: StructType = {
  path: str,
  patch: str,
  target: { struct: selector },
  options: { map: bool },
};
const image: StructType = { name: str, newName: str, tagSuffix: str, newTag: str, digest: str };

export const KUSTOMIZATION_SCHEMA: StructType = {
  apiVersion: str,
  kind: str,
  metadata: {
    struct: { name: str, namespace: str, labels: stringMap, annotations: stringMap },
  },
  openapi: stringMap,
  namePrefix: str,
  nameSuffix: str,
  namespace: str,
  commonLabels: stringMap,
  labels: {
    list: {
      struct: {
        pairs: stringMap,
        includeSelectors: bool,
        includeTemplates: bool,
        fields: { list: { struct: fieldSpec } },
      },
    },
  },
  commonAnnotations: stringMap,
  patchesStrategicMerge: strings,
  patchesJson6902: { list: { struct: patch } },
  patches: { list: { struct: patch } },
  images: { list: { struct: image } },
  imageTags: { list: { struct: image } },
  replacements: {
    list: {
      struct: {
        path: str,
        source: { struct: { ...resId, fieldPath: str, options: { struct: fieldOptions } } },
        targets: {
          list: {
            struct: {
              select: { struct: selector },
              reject: { list: { struct: selector } },
              fieldPaths: strings,
              options: { struct: fieldOptions },
            },
          },
        },
      },
    },
  },
  replicas: { list: { struct: { name: str, count: "int" } } },
  vars: {
    list: {
      struct: {
        name: str,
        objref: { struct: { apiVersion: str, ...gvk, name: str, namespace: str } },
        fieldref: { struct: { fieldPath: str } },
      },
    },
  },
  sortOptions: {
    struct: {
      order: str,
      legacySortOptions: { struct: { orderFirst: strings, orderLast: strings } },
    },
  },
  resources: strings,
  components: strings,
  crds: strings,
  bases: strings,
  configMapGenerator: { list: { struct: generatorArgs } },
  secretGenerator: { list: { struct: { ...generatorArgs, type: str } } },
  helmGlobals: { struct: { chartHome: str, configHome: str } },
  helmCharts: {
    list: {
      struct: {
        name: str,
        version: str,
        repo: str,
        releaseName: str,
        namespace: str,
        additionalValuesFiles: strings,
        valuesFile: str,
        valuesInline: { map: "any" },
        valuesMerge: str,
        includeCRDs: bool,
        skipHooks: bool,
        apiVersions: strings,
        kubeVersion: str,
        nameTemplate: str,
        skipTests: bool,
        debug: bool,
      },
    },
  },
  helmChartInflationGenerator: {
    list: {
      struct: {
        chartName: str,
        chartVersion: str,
        chartRepoUrl: str,
        chartHome: str,
        chartRepoName: str,
        helmBin: str,
        helmHome: str,
        values: str,
        valuesLocal: { map: "any" },
        valuesMerge: str,
        releaseName: str,
        releaseNamespace: str,
        extraArgs: strings,
      },
    },
  },
  generatorOptions: { struct: generatorOptions },
  configurations: strings,
  generators: strings,
  transformers: strings,
  validators: strings,
  buildMetadata: strings,
};

const fieldSpecs = { list: { struct: fieldSpec } } as const;

/** A `configurations` file (kustomize's `TransformerConfig`). */
export const TRANSFORMER_CONFIG_SCHEMA: StructType = {
  namePrefix: fieldSpecs,
  nameSuffix: fieldSpecs,
  namespace: fieldSpecs,
  commonLabels: fieldSpecs,
  labels: fieldSpecs,
  templateLabels: fieldSpecs,
  commonAnnotations: fieldSpecs,
  nameReference: { list: { struct: { ...gvk, fieldSpecs } } },
  varReference: fieldSpecs,
  images: fieldSpecs,
  replicas: fieldSpecs,
};
