import { KustomizeError } from "../errors.ts";
import type { GeneratorArgs, GeneratorOptionsArg } from "../kustomization.ts";
import type { Loader } from "../loader.ts";
import { type GeneratorBehavior, Resource } from "../resource.ts";
import { newMap, type ValueMap } from "../value.ts";
import { base64Wrapped } from "./base64.ts";
import { type KvPair, loadKvPairs } from "./kv.ts";

const utf8 = new TextEncoder();

export type GeneratorKind = "ConfigMap" | "Secret";

/** `MergeGlobalOptionsIntoLocal`: local labels/annotations win, either side's flags win. */
export function mergeGeneratorOptions(
  local: GeneratorOptionsArg | undefined,
  global: GeneratorOptionsArg | undefined,
): GeneratorOptionsArg | undefined {
  if (!global) return local;
  const out: GeneratorOptionsArg = { ...(local ?? {}) };
  if (global.labels) out.labels = { ...global.labels, ...(out.labels ?? {}) };
  if (global.annotations) out.annotations = { ...global.annotations, ...(out.annotations ?? {}) };
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}

/**
 * One ConfigMap or Secret from a generator entry (kustomize's `MakeConfigMap` / `MakeSecret`
 * plus the resource factory's hash and behavior bookkeeping).
 */
export function generate(
  kind: GeneratorKind,
  args: GeneratorArgs,
  loader: Loader,
  kustomizationFile: string,
): Resource {
  const name = args.name ?? "";
  if (name === "") {
    throw new KustomizeError("GENERATOR", `${kustomizationFile}: a configmap must have a name`, {
      file: kustomizationFile,
    });
  }
  const obj: ValueMap = newMap();
  obj.apiVersion = "v1";
  obj.kind = kind;
  const meta = newMap();
  meta.name = name;
  if (args.namespace) meta.namespace = args.namespace;
  obj.metadata = meta;
  if (kind === "Secret") obj.type = args.type || "Opaque";

  let pairs: KvPair[];
  try {
    pairs = loadKvPairs(loader, args);
  } catch (cause) {
    if (cause instanceof KustomizeError && cause.file === undefined) {
      throw new KustomizeError(cause.code, `${kustomizationFile}: ${cause.message}`, {
        file: kustomizationFile,
        cause,
      });
    }
    throw cause;
  }
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.key)) {
      throw new KustomizeError(
        "GENERATOR",
        `${kustomizationFile}: configmap ${name} illegally repeats the key \`${p.key}\``,
        { file: kustomizationFile },
      );
    }
    seen.add(p.key);
  }
  const sorted = [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (kind === "ConfigMap") {
    for (const p of sorted) {
      const field = p.bytes ? "binaryData" : "data";
      let m = obj[field] as ValueMap | undefined;
      if (!m) {
        m = newMap();
        obj[field] = m;
      }
      m[p.key] = p.bytes ? base64Wrapped(p.bytes) : p.value;
    }
  } else {
    const data = newMap();
    for (const p of sorted) data[p.key] = base64Wrapped(p.bytes ?? utf8.encode(p.value));
    obj.data = data;
  }
  const options = args.options;
  if (options?.labels && Object.keys(options.labels).length > 0) {
    const labels = newMap();
    for (const k of Object.keys(options.labels).sort()) labels[k] = options.labels[k] ?? "";
    meta.labels = labels;
  }
  if (options?.annotations && Object.keys(options.annotations).length > 0) {
    const annotations = newMap();
    for (const k of Object.keys(options.annotations).sort())
      annotations[k] = options.annotations[k] ?? "";
    meta.annotations = annotations;
  }
  if (options?.immutable) obj.immutable = true;

  const res = new Resource(obj, {
    file: kustomizationFile,
    generator: kind === "ConfigMap" ? "ConfigMapGenerator" : "SecretGenerator",
  });
  res.needsHashSuffix = !options?.disableNameSuffixHash;
  res.behavior = toBehavior(args.behavior);
  return res;
}

function toBehavior(b: string | undefined): GeneratorBehavior {
  return b === "merge" || b === "replace" ? b : "create";
}
