import { type Accumulator, emptyAccumulator } from "./accumulator.ts";
import { recordTransformations } from "./build-metadata.ts";
import { loadCrdConfig } from "./crds.ts";
import { KustomizeError } from "./errors.ts";
import type { FieldSpec } from "./fieldspec.ts";
import { generate, mergeGeneratorOptions } from "./generators/generate.ts";
import {
  decodeStrict,
  KUSTOMIZATION_FILE_NAMES,
  type Kustomization,
  parseKustomization,
} from "./kustomization.ts";
import { TRANSFORMER_CONFIG_SCHEMA } from "./kustomization-schema.ts";
import { isRemote, type Loader } from "./loader.ts";
import { applyOpenApiField } from "./openapi.ts";
import { joinPath } from "./paths.ts";
import { runGeneratorPlugins } from "./plugins.ts";
import { bytesToText, resourcesFromText } from "./reader.ts";
import { Resource } from "./resource.ts";
import { TRANSFORM_STEPS } from "./steps.ts";
import {
  defaultTransformerConfig,
  emptyTransformerConfig,
  mergeTransformerConfig,
  type TransformerConfig,
} from "./transformer-config.ts";
import { mergeVarSet, mergeVars } from "./transformers/vars.ts";
import { isSet, unsupported } from "./unsupported.ts";
import { cloneValue, type ValueMap } from "./value.ts";

/** Shared by every level of one build. */
export interface BuildContext {
  /** Deprecation warnings, in the order kustomize prints them. */
  readonly warnings: string[];
  /**
   * Parsed resource files by content, so a base included by several overlays is parsed once
   * per build (each inclusion still gets its own copy of the objects).
   */
  readonly parsed?: Map<string, ValueMap[]>;
}

/**
 * One kustomization directory (kustomize's `KustTarget`): loads its kustomization file and
 * accumulates resources, generators, components and transformers in kustomize's order.
 */
export class Target {
  readonly loader: Loader;
  readonly kustomization: Kustomization;
  /** Absolute path of the kustomization file. */
  readonly file: string;
  readonly ctx: BuildContext;

  private constructor(
    loader: Loader,
    kustomization: Kustomization,
    file: string,
    ctx: BuildContext,
  ) {
    this.loader = loader;
    this.kustomization = kustomization;
    this.file = file;
    this.ctx = ctx;
  }

  /** Finds and parses the one kustomization file of the loader's root. */
  static load(loader: Loader, ctx: BuildContext): Target {
    const found = KUSTOMIZATION_FILE_NAMES.filter((name) => {
      const p = joinPath(loader.root, name);
      return loader.fs.exists(p) && !loader.fs.isDir(loader.fs.realPath(p));
    });
    if (found.length === 0) {
      throw new KustomizeError(
        "NO_KUSTOMIZATION",
        `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${loader.root}'`,
        { file: loader.root },
      );
    }
    if (found.length > 1) {
      throw new KustomizeError(
        "MULTIPLE_KUSTOMIZATIONS",
        `Found multiple kustomization files under: ${loader.root}`,
        { file: loader.root },
      );
    }
    const name = found[0] as string;
    const file = joinPath(loader.root, name);
    const text = bytesToText(loader.load(name));
    const { kustomization, warnings } = parseKustomization(text, file);
    ctx.warnings.push(...warnings);
    return new Target(loader, kustomization, file, ctx);
  }

  /** Builds this level into a fresh accumulator. */
  accumulate(): Accumulator {
    return this.accumulateInto(emptyAccumulator());
  }

  /** `accumulateTarget`: the level's stages in kustomize's order (components reuse `acc`). */
  accumulateInto(acc: Accumulator): Accumulator {
    const k = this.kustomization;
    this.accumulateResources(acc, k.resources ?? []);
    acc.config = mergeTransformerConfig(acc.config, this.transformerConfig());
    if (k.crds && k.crds.length > 0) {
      acc.config = mergeTransformerConfig(acc.config, loadCrdConfig(this.loader, k.crds));
    }
    this.runGenerators(acc);
    for (const path of k.components ?? []) acc = this.accumulateComponent(acc, path);
    for (const step of TRANSFORM_STEPS) {
      step.run({ target: this, acc });
      recordTransformations(this, acc, step.field);
    }
    mergeVars(acc, k.vars ?? [], this.file);
    return acc;
  }

  private transformerConfig(): TransformerConfig {
    const paths = this.kustomization.configurations ?? [];
    if (paths.length === 0) return defaultTransformerConfig();
    let extra = emptyTransformerConfig();
    for (const path of paths) {
      const text = bytesToText(this.loader.load(path));
      const raw = decodeStrict(
        text,
        this.loader.resolve(path),
        TRANSFORMER_CONFIG_SCHEMA,
        "TransformerConfig",
      );
      extra = mergeTransformerConfig(extra, toTransformerConfig(raw));
    }
    return mergeTransformerConfig(defaultTransformerConfig(), extra);
  }

  private accumulateResources(acc: Accumulator, paths: readonly string[]): void {
    const fs = this.loader.fs;
    for (const path of paths) {
      if (isRemote(path)) unsupported(`remote resource '${path}'`, this.file);
      const abs = this.loader.resolve(path);
      const exists = fs.exists(abs);
      const isDir = exists && fs.isDir(fs.realPath(abs));
      if (exists && !isDir) this.accumulateFile(acc, path);
      else if (isDir) this.accumulateDirectory(acc, this.loader.child(path), false);
      else {
        // kustomize tries the path as a file, then as a directory; both fail.
        throw new KustomizeError(
          "NOT_FOUND",
          `${this.file}: accumulating resources: accumulation err='accumulating resources from '${path}': evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`,
          { file: abs },
        );
      }
    }
  }

  private accumulateFile(acc: Accumulator, path: string): void {
    const abs = this.loader.resolve(path);
    const text = bytesToText(this.loader.load(path));
    const objs = this.parseResources(text, abs);
    for (const obj of objs) {
      const res = new Resource(obj, { file: abs });
      try {
        acc.resMap.append(res);
      } catch (cause) {
        if (cause instanceof KustomizeError) {
          throw new KustomizeError(
            cause.code,
            `${abs}: merging resources from '${path}': ${cause.message}`,
            { file: abs, cause },
          );
        }
        throw cause;
      }
    }
  }

  private parseResources(text: string, file: string): ValueMap[] {
    const cache = this.ctx.parsed;
    if (!cache) return resourcesFromText(text, file);
    let objs = cache.get(text);
    if (!objs) {
      objs = resourcesFromText(text, file);
      cache.set(text, objs);
    }
    return objs.map((o) => cloneValue(o));
  }

  private accumulateDirectory(acc: Accumulator, loader: Loader, isComponent: boolean): Accumulator {
    const sub = Target.load(loader, this.ctx);
    const kind = sub.kustomization.kind;
    if (isComponent && kind !== "Component") {
      throw new KustomizeError(
        "INVALID_KUSTOMIZATION",
        `${sub.file}: expected kind 'Component' for path '${loader.root}' but got '${kind}'`,
        { file: sub.file },
      );
    }
    if (!isComponent && kind === "Component") {
      throw new KustomizeError(
        "INVALID_KUSTOMIZATION",
        `${sub.file}: expected kind != 'Component' for path '${loader.root}'`,
        { file: sub.file },
      );
    }
    applyOpenApiField(this.ctx, sub.kustomization.openapi, loader, sub.file, false);
    if (isComponent) return sub.accumulateInto(acc);
    const subAcc = sub.accumulate();
    acc.resMap.appendAll(subAcc.resMap);
    acc.config = mergeTransformerConfig(acc.config, subAcc.config);
    mergeVarSet(acc, subAcc.vars, sub.file);
    return acc;
  }

  private accumulateComponent(acc: Accumulator, path: string): Accumulator {
    return this.accumulateDirectory(acc, this.loader.child(path), true);
  }

  private runGenerators(acc: Accumulator): void {
    const k = this.kustomization;
    const jobs: Array<
      ["ConfigMap" | "Secret", NonNullable<Kustomization["configMapGenerator"]>[number]]
    > = [
      ...(k.configMapGenerator ?? []).map((g) => ["ConfigMap", g] as ["ConfigMap", typeof g]),
      ...(k.secretGenerator ?? []).map((g) => ["Secret", g] as ["Secret", typeof g]),
    ];
    for (const [kind, args] of jobs) {
      const merged = { ...args, options: mergeGeneratorOptions(args.options, k.generatorOptions) };
      const res = generate(kind, merged, this.loader, this.file);
      try {
        acc.resMap.absorb(res);
      } catch (cause) {
        if (cause instanceof KustomizeError) {
          throw new KustomizeError(
            cause.code,
            `${this.file}: merging from generator: ${cause.message}`,
            {
              file: this.file,
              cause,
            },
          );
        }
        throw cause;
      }
    }
    if (isSet(k.helmCharts)) unsupported("helmCharts", this.file);
    runGeneratorPlugins(this, acc);
  }
}

function specsOf(raw: unknown): FieldSpec[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((x) => {
    const f = x as Record<string, unknown>;
    return {
      group: (f.group as string) ?? "",
      version: (f.version as string) ?? "",
      kind: (f.kind as string) ?? "",
      path: (f.path as string) ?? "",
      create: f.create === true,
    };
  });
}

function toTransformerConfig(raw: Record<string, unknown>): TransformerConfig {
  const refs = Array.isArray(raw.nameReference) ? raw.nameReference : [];
  return {
    namePrefix: specsOf(raw.namePrefix),
    nameSuffix: specsOf(raw.nameSuffix),
    namespace: specsOf(raw.namespace),
    commonLabels: specsOf(raw.commonLabels),
    templateLabels: specsOf(raw.templateLabels),
    labels: specsOf(raw.labels),
    commonAnnotations: specsOf(raw.commonAnnotations),
    nameReference: refs.map((r) => {
      const b = r as Record<string, unknown>;
      return {
        gvk: {
          group: (b.group as string) ?? "",
          version: (b.version as string) ?? "",
          kind: (b.kind as string) ?? "",
        },
        referrers: specsOf(b.fieldSpecs),
      };
    }),
    varReference: specsOf(raw.varReference),
    images: specsOf(raw.images),
    replicas: specsOf(raw.replicas),
  };
}
