import {
  type Document,
  isAlias,
  isScalar,
  isSeq,
  isMap as isYamlMap,
  type Node,
  parseDocument,
} from "yaml";
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

/**
 * `sigs.k8s.io/yaml.YAMLToJSON`: the file is read with YAML 1.1 rules (go-yaml v2), so `on`,
 * `yes`, `y` are booleans and `0755` is octal; keys become strings.
 */
function yamlToJson(text: string, file: string): unknown {
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new KustomizeError(
      "MALFORMED_YAML",
      `${file}: invalid Kustomization: yaml: ${first?.message ?? "malformed YAML"}`,
      { file, line: first?.linePos?.[0].line },
    );
  }
  return toJson(doc.contents as Node | null, 0, doc);
}

function toJson(node: Node | null, depth: number, doc: Document): unknown {
  if (node === null || node === undefined) return null;
  if (depth > 200) return null;
  // Aliases stand for their anchored node, as in go-yaml.
  if (isAlias(node)) return toJson((node.resolve(doc) as Node | undefined) ?? null, depth + 1, doc);
  if (isScalar(node)) {
    const value = String(node.value ?? "");
    if (node.type !== "PLAIN" || (node.tag && node.tag !== "!")) {
      return node.tag === "tag:yaml.org,2002:null" ? null : value;
    }
    return resolvePlainV2(value);
  }
  if (isSeq(node)) return node.items.map((item) => toJson(item as Node, depth + 1, doc));
  if (isYamlMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const key = toJson(pair.key as Node, depth + 1, doc);
      const keyText = typeof key === "string" ? key : key === null ? "null" : String(key);
      out[keyText] = toJson(pair.value as Node | null, depth + 1, doc);
    }
    return out;
  }
  return null;
}

const V2_BOOLS = new Map<string, boolean>();
for (const w of "y Y yes Yes YES true True TRUE on On ON".split(" ")) V2_BOOLS.set(w, true);
for (const w of "n N no No NO false False FALSE off Off OFF".split(" ")) V2_BOOLS.set(w, false);

/** go-yaml v2's resolution of a plain scalar, close enough to type-check kustomization fields. */
function resolvePlainV2(s: string): unknown {
  if (s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL") return null;
  const b = V2_BOOLS.get(s);
  if (b !== undefined) return b;
  const plain = s.replaceAll("_", "");
  if (/^[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$/.test(plain)) {
    const neg = plain.startsWith("-");
    const body = plain.replace(/^[-+]/, "");
    let n: number;
    if (body.startsWith("0b")) n = Number.parseInt(body.slice(2), 2);
    else if (body.startsWith("0x")) n = Number.parseInt(body.slice(2), 16);
    else if (body.startsWith("0o")) n = Number.parseInt(body.slice(2), 8);
    else if (body.length > 1 && body.startsWith("0")) n = Number.parseInt(body, 8);
    else n = Number.parseInt(body, 10);
    return neg ? -n : n;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number(plain);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return Number.NaN;
  return s;
}
