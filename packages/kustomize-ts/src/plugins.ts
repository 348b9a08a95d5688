import type { Accumulator } from "./accumulator.ts";
import { markPluginGenerated, recordPluginTransformation } from "./build-metadata.ts";
import { KustomizeError } from "./errors.ts";
import type { FieldSpec } from "./fieldspec.ts";
import { generate } from "./generators/generate.ts";
import type {
  GeneratorArgs,
  ImageArg,
  Kustomization,
  PatchArg,
  SelectorArg,
} from "./kustomization.ts";
import { mergeSchemaFor } from "./openapi.ts";
import { bytesToText, resourcesFromText } from "./reader.ts";
import { parseGroupVersion } from "./resid.ts";
import type { TransformStep } from "./steps.ts";
import { Target } from "./target.ts";
import { transformImages } from "./transformers/images.ts";
import { setStringEntries } from "./transformers/labels.ts";
import { transformNameAffix } from "./transformers/name-affix.ts";
import { type RoleBindingSubjectMode, transformNamespace } from "./transformers/namespace.ts";
import {
  configurePatch,
  configurePatchesStrategicMerge,
  configurePatchJson6902,
} from "./transformers/patches.ts";
import { applyReplacements, loadReplacements, toSelector } from "./transformers/replacements.ts";
import { transformReplicas } from "./transformers/replicas.ts";
import { isMap, type Value, type ValueMap } from "./value.ts";

/*
 * The `generators:` and `transformers:` fields: plugin configurations given inline or as files.
 * Without --enable-alpha-plugins (kubectl cannot enable them) only `apiVersion: builtin` kinds
 * load; each is configured from its YAML exactly like the builtin it names.
 */

function fail(message: string, file: string): KustomizeError {
  return new KustomizeError("UNSUPPORTED", `${file}: ${message}`, { file });
}

/** A plugin configuration and the file it was configured in. */
interface PluginConfig {
  config: ValueMap;
  file: string;
}

/**
 * The plugin configuration documents the entries name: kustomize takes the inline entries first,
 * in order, then the files, in order (configureExternalTransformers).
 */
function pluginConfigs(target: Target, entries: readonly string[]): PluginConfig[] {
  const inline: PluginConfig[] = [];
  const files: PluginConfig[] = [];
  for (const entry of entries) {
    let docs: ValueMap[] | undefined;
    try {
      docs = resourcesFromText(entry, target.file);
    } catch {
      docs = undefined;
    }
    if (docs !== undefined) {
      for (const config of docs) inline.push({ config, file: target.file });
      continue;
    }
    const abs = target.loader.resolve(entry);
    if (target.loader.fs.exists(abs) && target.loader.fs.isDir(target.loader.fs.realPath(abs))) {
      // A directory is a kustomization whose output is the plugin configurations.
      const sub = Target.load(target.loader.child(entry), target.ctx);
      for (const r of sub.accumulate().resMap.list) {
        files.push({ config: r.obj, file: r.origin?.file ?? sub.file });
      }
      continue;
    }
    for (const config of resourcesFromText(bytesToText(target.loader.load(entry)), abs)) {
      files.push({ config, file: abs });
    }
  }
  return [...inline, ...files];
}

function str(v: Value | undefined): string | undefined {
  return typeof v === "string" ? v : v === undefined || v === null ? undefined : String(v);
}

function stringMap(v: Value | undefined): Record<string, string> | undefined {
  if (!isMap(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = str(x) ?? "";
  return out;
}

function fieldSpecs(v: Value | undefined): FieldSpec[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isMap).map((f) => ({
    group: str(f.group) ?? "",
    version: str(f.version) ?? "",
    kind: str(f.kind) ?? "",
    path: str(f.path) ?? "",
    create: f.create === true,
  }));
}

function selector(v: Value | undefined): SelectorArg | undefined {
  return isMap(v) ? toSelector(v) : undefined;
}

function isBuiltin(config: ValueMap): boolean {
  const { group, version } = parseGroupVersion(str(config.apiVersion) ?? "");
  return group === "" && version === "builtin";
}

function metadataField(config: ValueMap, key: string): string | undefined {
  return isMap(config.metadata) ? str(config.metadata[key]) : undefined;
}

function generatorArgs(config: ValueMap): GeneratorArgs {
  const args: GeneratorArgs = {};
  const name = str(config.name) || metadataField(config, "name");
  const namespace = str(config.namespace) || metadataField(config, "namespace");
  if (name !== undefined) args.name = name;
  if (namespace !== undefined) args.namespace = namespace;
  const behavior = str(config.behavior);
  if (behavior !== undefined) args.behavior = behavior;
  for (const key of ["literals", "files", "envs"] as const) {
    const list = config[key];
    if (Array.isArray(list)) args[key] = list.map((x) => str(x) ?? "");
  }
  const env = str(config.env);
  if (env) args.envs = [...(args.envs ?? []), env];
  const type = str(config.type);
  if (type !== undefined) args.type = type;
  if (isMap(config.options)) {
    const o = config.options;
    const options: NonNullable<GeneratorArgs["options"]> = {};
    const labels = stringMap(o.labels);
    const annotations = stringMap(o.annotations);
    if (labels) options.labels = labels;
    if (annotations) options.annotations = annotations;
    if (o.disableNameSuffixHash === true) options.disableNameSuffixHash = true;
    if (o.immutable === true) options.immutable = true;
    args.options = options;
  }
  return args;
}

/** Runs the `generators:` entries after the builtin generators of a level. */
export function runGeneratorPlugins(target: Target, acc: Accumulator): void {
  const entries = target.kustomization.generators ?? [];
  if (entries.length === 0) return;
  for (const { config } of pluginConfigs(target, entries)) {
    const kind = str(config.kind) ?? "";
    if (!isBuiltin(config) || (kind !== "ConfigMapGenerator" && kind !== "SecretGenerator")) {
      throw fail(
        `unable to load generator plugin ${str(config.apiVersion)}/${kind}: external plugins need --enable-alpha-plugins`,
        target.file,
      );
    }
    const res = generate(
      kind === "ConfigMapGenerator" ? "ConfigMap" : "Secret",
      generatorArgs(config),
      target.loader,
      target.file,
    );
    markPluginGenerated(res, {
      name: metadataField(config, "name"),
      namespace: metadataField(config, "namespace"),
    });
    acc.resMap.absorb(res);
  }
}

type Configured = (acc: Accumulator) => void;

function configureTransformer(target: Target, config: ValueMap): Configured {
  const kind = str(config.kind) ?? "";
  const file = target.file;
  if (!isBuiltin(config)) {
    throw fail(
      `unable to load transformer plugin ${str(config.apiVersion)}/${kind}: external plugins need --enable-alpha-plugins`,
      file,
    );
  }
  const specs = fieldSpecs(config.fieldSpecs);
  switch (kind) {
    case "AnnotationsTransformer":
      return (acc) => setStringEntries(acc.resMap, stringMap(config.annotations), specs);
    case "LabelTransformer":
      return (acc) => setStringEntries(acc.resMap, stringMap(config.labels), specs);
    case "NamespaceTransformer": {
      const mode = str(config.setRoleBindingSubjects);
      return (acc) =>
        transformNamespace(acc.resMap, {
          namespace: metadataField(config, "namespace") ?? "",
          fieldSpecs: specs,
          unsetOnly: config.unsetOnly === true,
          setRoleBindingSubjects: (mode || undefined) as RoleBindingSubjectMode | undefined,
        });
    }
    case "PrefixTransformer":
    case "SuffixTransformer":
    case "PrefixSuffixTransformer": {
      const prefix = str(config.prefix) ?? "";
      const suffix = str(config.suffix) ?? "";
      return (acc) => {
        if (kind !== "SuffixTransformer") transformNameAffix(acc.resMap, prefix, "prefix", specs);
        if (kind !== "PrefixTransformer") transformNameAffix(acc.resMap, suffix, "suffix", specs);
      };
    }
    case "ImageTagTransformer": {
      const image = (isMap(config.imageTag) ? config.imageTag : {}) as ImageArg;
      return (acc) => transformImages(acc.resMap, image, specs);
    }
    case "ReplicaCountTransformer": {
      const r = isMap(config.replica) ? config.replica : {};
      const replica = { name: str(r.name) ?? "", count: typeof r.count === "number" ? r.count : 0 };
      return (acc) => transformReplicas(acc.resMap, replica, specs);
    }
    case "PatchTransformer": {
      const arg: PatchArg = {};
      const path = str(config.path);
      const patch = str(config.patch);
      const t = selector(config.target);
      if (path !== undefined) arg.path = path;
      if (patch !== undefined) arg.patch = patch;
      if (t) arg.target = t;
      if (isMap(config.options)) {
        arg.options = Object.fromEntries(
          Object.entries(config.options).map(([k, v]) => [k, v === true]),
        );
      }
      const p = configurePatch(arg, target.loader, file);
      return (acc) => p.run(acc.resMap, mergeSchemaFor(target.ctx), target.ctx);
    }
    case "PatchJson6902Transformer": {
      const arg: PatchArg = {};
      const path = str(config.path);
      const op = str(config.jsonOp);
      const t = selector(config.target);
      if (path !== undefined) arg.path = path;
      if (op !== undefined) arg.patch = op;
      if (t) arg.target = t;
      const p = configurePatchJson6902(arg, target.loader, file);
      return (acc) => p.run(acc.resMap, mergeSchemaFor(target.ctx), target.ctx);
    }
    case "PatchStrategicMergeTransformer": {
      const entries = Array.isArray(config.paths) ? config.paths.map((x) => str(x) ?? "") : [];
      const inline = str(config.patches);
      if (inline) entries.push(inline);
      const p = configurePatchesStrategicMerge(entries, target.loader, file);
      return (acc) => p.run(acc.resMap, mergeSchemaFor(target.ctx), target.ctx);
    }
    case "ReplacementTransformer": {
      const list = Array.isArray(config.replacements)
        ? (config.replacements.filter(isMap) as Array<Record<string, unknown>>)
        : [];
      const replacements = loadReplacements(list, target.loader, file);
      return (acc) => applyReplacements(acc.resMap, replacements, file, target.ctx);
    }
    default:
      throw fail(`builtin plugin ${kind} is not supported as a transformer`, file);
  }
}

/** The `transformers:` step: every plugin configured first, then run in list order. */
export const TRANSFORMERS_STEP: TransformStep = {
  field: "transformers",
  run({ target, acc }) {
    const entries = (target.kustomization as Kustomization).transformers ?? [];
    if (entries.length === 0) return;
    const configured = pluginConfigs(target, entries).map((p) => ({
      run: configureTransformer(target, p.config),
      origin: {
        file: p.file,
        kind: str(p.config.kind) ?? "",
        name: metadataField(p.config, "name"),
        namespace: metadataField(p.config, "namespace"),
      },
    }));
    for (const { run, origin } of configured) {
      run(acc);
      recordPluginTransformation(target, acc, origin);
    }
  },
};

function snapshot(acc: Accumulator): string {
  return JSON.stringify(
    acc.resMap.list.map((r) => r.obj),
    (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v),
  );
}

/**
 * The `validators:` step: builtin plugins run over the resources and must leave them unchanged
 * (kustomize compares the resource sets before and after each validator).
 */
export const VALIDATORS_STEP: TransformStep = {
  field: "validators",
  run({ target, acc }) {
    const entries = (target.kustomization as Kustomization).validators ?? [];
    if (entries.length === 0) return;
    const configured = pluginConfigs(target, entries).map((p) =>
      configureTransformer(target, p.config),
    );
    for (const run of configured) {
      const before = snapshot(acc);
      run(acc);
      if (snapshot(acc) !== before) {
        throw new KustomizeError(
          "INVALID_KUSTOMIZATION",
          `${target.file}: validator shouldn't modify the resource map`,
          { file: target.file },
        );
      }
    }
  },
};
