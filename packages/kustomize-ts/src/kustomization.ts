import { yamlToJson } from "./codec.ts";
import { KustomizeError } from "./errors.ts";
import { type FieldType, KUSTOMIZATION_SCHEMA, type StructType } from "./kustomization-schema.ts";

/** The file names kustomize recognises, in its lookup order. */
export const KUSTOMIZATION_FILE_NAMES = [
  "kustomization.yaml",
  "kustomization.yml",
  "Kustomization",
] as const;

export type StringMap = Record<string, string>;

export interface FieldSpecArg {
  group?: string;
  version?: string;
  kind?: string;
  path?: string;
  create?: boolean;
}

export interface SelectorArg {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  annotationSelector?: string;
  labelSelector?: string;
}

export interface PatchArg {
  path?: string;
  patch?: string;
  target?: SelectorArg;
  options?: Record<string, boolean>;
}

export interface ImageArg {
  name?: string;
  newName?: string;
  tagSuffix?: string;
  newTag?: string;
  digest?: string;
}

export interface GeneratorOptionsArg {
  labels?: StringMap;
  annotations?: StringMap;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  namespace?: string;
  name?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  options?: GeneratorOptionsArg;
  /** Secrets only. */
  type?: string;
}

export interface LabelArg {
  pairs?: StringMap;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpecArg[];
}

export interface ReplicaArg {
  name?: string;
  count?: number;
}

export interface SortOptionsArg {
  order?: string;
  legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] };
}

/**
 * A decoded kustomization file. Absent and `null` fields are `undefined`; an explicitly empty
 * list or map is kept (kustomize tells them apart in its emptiness check and warnings).
 * Issue-3 fields are typed loosely (`unknown` shapes validated by the schema).
 */
export interface Kustomization {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: StringMap; annotations?: StringMap };
  openapi?: StringMap;
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: StringMap;
  labels?: LabelArg[];
  commonAnnotations?: StringMap;
  patchesStrategicMerge?: string[];
  patchesJson6902?: PatchArg[];
  patches?: PatchArg[];
  images?: ImageArg[];
  imageTags?: ImageArg[];
  replacements?: Array<Record<string, unknown>>;
  replicas?: ReplicaArg[];
  vars?: Array<Record<string, unknown>>;
  sortOptions?: SortOptionsArg;
  resources?: string[];
  components?: string[];
  crds?: string[];
  bases?: string[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  helmGlobals?: Record<string, unknown>;
  helmCharts?: Array<Record<string, unknown>>;
  helmChartInflationGenerator?: Array<Record<string, unknown>>;
  generatorOptions?: GeneratorOptionsArg;
  configurations?: string[];
  generators?: string[];
  transformers?: string[];
  validators?: string[];
  buildMetadata?: string[];
}

const DEPRECATIONS: Array<[keyof Kustomization, string]> = [
  ["bases", "# Warning: 'bases' is deprecated. Please use 'resources' instead."],
  ["commonLabels", "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead."],
  ["imageTags", "# Warning: 'imageTags' is deprecated. Please use 'images' instead."],
  ["patchesJson6902", "# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead."],
  [
    "patchesStrategicMerge",
    "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead.",
  ],
  ["vars", "# Warning: 'vars' is deprecated. Please use 'replacements' instead."],
];
const EDIT_FIX = " Run 'kustomize edit fix' to update your Kustomization automatically.";
const EDIT_FIX_EXPERIMENTAL =
  " [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.";

/**
 * Parses and validates a kustomization file like kustomize's `KustTarget.Load`: strict decode,
 * deprecation warnings, the in-memory rewrite of deprecated fields, the emptiness check and the
 * kind/apiVersion check. Returns the fixed kustomization and the warning lines.
 */
export function parseKustomization(
  text: string,
  file: string,
): { kustomization: Kustomization; warnings: string[] } {
  const k = decodeStrict(text, file, KUSTOMIZATION_SCHEMA, "Kustomization") as Kustomization;
  const warnings: string[] = [];
  for (const [field, message] of DEPRECATIONS) {
    if (k[field] !== undefined)
      warnings.push(message + (field === "vars" ? EDIT_FIX_EXPERIMENTAL : EDIT_FIX));
  }
  fixKustomization(k);
  if (isEmpty(k)) {
    throw new KustomizeError("EMPTY_KUSTOMIZATION", `${file}: kustomization.yaml is empty`, {
      file,
    });
  }
  const errs: string[] = [];
  if (k.kind !== "Kustomization" && k.kind !== "Component") {
    errs.push("kind should be Kustomization or Component");
  }
  const required =
    k.kind === "Component" ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1";
  if (k.apiVersion !== required) errs.push(`apiVersion for ${k.kind} should be ${required}`);
  if (errs.length > 0) {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `${file}: Failed to read kustomization file: ${errs.join("; ")}`,
      { file },
    );
  }
  return { kustomization: k, warnings };
}

/** `FixKustomization`: defaults kind/apiVersion and folds deprecated fields into new ones. */
function fixKustomization(k: Kustomization): void {
  if (!k.kind) k.kind = "Kustomization";
  if (!k.apiVersion) {
    k.apiVersion =
      k.kind === "Component"
        ? "kustomize.config.k8s.io/v1alpha1"
        : "kustomize.config.k8s.io/v1beta1";
  }
  k.resources = appendGo(k.resources, k.bases);
  delete k.bases;
  k.images = appendGo(k.images, k.imageTags);
  delete k.imageTags;
  for (const g of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) {
    if (g.env) {
      g.envs = [...(g.envs ?? []), g.env];
      delete g.env;
    }
  }
  if (k.helmChartInflationGenerator !== undefined) {
    if (k.helmChartInflationGenerator.length > 0) k.helmCharts = k.helmCharts ?? [];
    delete k.helmChartInflationGenerator;
  }
}

/** Go's `append(a, b...)`: nil stays nil only when both are nil or `b` is empty and `a` nil. */
function appendGo<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  if (a === undefined && (b === undefined || b.length === 0)) return undefined;
  return [...(a ?? []), ...(b ?? [])];
}

function isEmpty(k: Kustomization): boolean {
  for (const [key, value] of Object.entries(k)) {
    if (key === "kind" || key === "apiVersion") continue;
    if (value === undefined) continue;
    if (value === "" || value === false || value === 0) continue;
    return false;
  }
  return true;
}

/**
 * Decodes a YAML file into a Go-typed struct the way `sigs.k8s.io/yaml` strict unmarshalling
 * does (YAML 1.1 typing, JSON decoding with unknown fields rejected). An empty file gives `{}`.
 */
export function decodeStrict(
  text: string,
  file: string,
  schema: StructType,
  typeName: string,
): Record<string, unknown> {
  const json = yamlToJson(text, file);
  if (json === null || json === undefined) return {};
  const decoded = decode(json, { struct: schema }, "");
  if (decoded.error) {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `${file}: invalid ${typeName}: json: ${decoded.error.replace("Kustomization.", `${typeName}.`)}`,
      { file },
    );
  }
  return decoded.value as Record<string, unknown>;
}

type Decoded = { value?: unknown; error?: string };

/** Go `encoding/json` decoding (case-insensitive keys, unknown fields rejected) of one value. */
function decode(value: unknown, type: FieldType, path: string): Decoded {
  if (value === null) return { value: undefined };
  if (type === "any") return { value };
  if (type === "string") {
    if (typeof value === "string") return { value };
    return { error: typeError(value, "string", path) };
  }
  if (type === "bool") {
    if (typeof value === "boolean") return { value };
    return { error: typeError(value, "bool", path) };
  }
  if (type === "int") {
    if (typeof value === "number" && Number.isInteger(value)) return { value };
    return { error: typeError(value, "int64", path) };
  }
  if ("list" in type) {
    if (!Array.isArray(value)) return { error: typeError(value, "array", path) };
    const out: unknown[] = [];
    for (const item of value) {
      const d = decode(item, type.list, path);
      if (d.error) return d;
      out.push(d.value ?? zero(type.list));
    }
    return { value: out };
  }
  if ("map" in type) {
    if (!isPlainObject(value)) return { error: typeError(value, "map", path) };
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, v] of Object.entries(value)) {
      const d = decode(v, type.map, path);
      if (d.error) return d;
      out[key] = d.value ?? zero(type.map);
    }
    return { value: out };
  }
  if (!isPlainObject(value)) return { error: typeError(value, "struct", path) };
  return decodeStruct(value, type.struct, path);
}

function decodeStruct(value: Record<string, unknown>, struct: StructType, path: string): Decoded {
  const out: Record<string, unknown> = {};
  const fields = Object.keys(struct);
  for (const [key, v] of Object.entries(value)) {
    const field = fields.includes(key)
      ? key
      : fields.find((f) => f.toLowerCase() === key.toLowerCase());
    if (field === undefined) return { error: `unknown field "${key}"` };
    const d = decode(v, struct[field] as FieldType, path ? `${path}.${field}` : field);
    if (d.error) return d;
    if (d.value === undefined) delete out[field];
    else out[field] = d.value;
  }
  return { value: out };
}

function zero(type: FieldType): unknown {
  if (type === "string") return "";
  if (type === "bool") return false;
  if (type === "int") return 0;
  if (type === "any") return null;
  if ("struct" in type) return {};
  return undefined;
}

function typeError(value: unknown, goType: string, path: string): string {
  const jsonType = Array.isArray(value)
    ? "array"
    : typeof value === "object"
      ? "object"
      : typeof value === "boolean"
        ? "bool"
        : typeof value;
  return `cannot unmarshal ${jsonType} into Go struct field Kustomization.${path} of type ${goType}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
