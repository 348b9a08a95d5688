import { annotateBuildMetadata, enableBuildMetadata } from "./build-metadata.ts";
import { encodeStream } from "./codec.ts";
import type { FileSystem } from "./fs.ts";
import { kustomizeHash } from "./generators/hash.ts";
import { Loader } from "./loader.ts";
import { applyOpenApiField } from "./openapi.ts";
import { cleanPath } from "./paths.ts";
import type { ResMap } from "./resmap.ts";
import type { Resource } from "./resource.ts";
import { type BuildContext, Target } from "./target.ts";
import { checkCreatedKey, setStringEntries } from "./transformers/labels.ts";
import { fixNameReferences } from "./transformers/name-reference.ts";
import { sortResources } from "./transformers/sort.ts";
import { resolveVars } from "./transformers/vars.ts";
import type { ValueMap } from "./value.ts";

/** Options for {@link build}. */
export interface BuildOptions {
  /**
   * `rootOnly` (kubectl's default): every file a kustomization reads must lie inside its own
   * directory. `none` lifts the restriction, like `kustomize build --load-restrictor none`.
   */
  loadRestrictions?: "rootOnly" | "none";
}

/** The output of {@link build}. */
export interface BuildResult {
  /** The resources in output order, exactly as printed. */
  resources: ValueMap[];
  /** What `kubectl kustomize` prints on stdout. */
  yaml: string;
  /** Deprecation warnings kustomize prints on stderr (`# Warning: ...`). */
  warnings: string[];
}

/** Annotations kustomize strips from every resource before printing. */
const RESERVED_ANNOTATIONS = new Set([
  "internal.config.kubernetes.io/previousKinds",
  "internal.config.kubernetes.io/previousNames",
  "internal.config.kubernetes.io/prefixes",
  "internal.config.kubernetes.io/suffixes",
  "internal.config.kubernetes.io/previousNamespaces",
  "internal.config.kubernetes.io/allowNameChange",
  "internal.config.kubernetes.io/allowKindChange",
  "internal.config.kubernetes.io/refBy",
  "internal.config.kubernetes.io/generatorBehavior",
  "internal.config.kubernetes.io/needsHashSuffix",
  "internal.config.kubernetes.io/path",
  "internal.config.kubernetes.io/index",
  "internal.config.kubernetes.io/seqindent",
  "internal.config.kubernetes.io/id",
  "internal.config.kubernetes.io/annotations-migration-resource-id",
  "config.kubernetes.io/path",
  "config.kubernetes.io/index",
  "config.k8s.io/id",
]);
const ORIGIN_ANNOTATION = "config.kubernetes.io/origin";
const TRANSFORMATIONS_ANNOTATION = "alpha.config.kubernetes.io/transformations";
const LOCAL_CONFIG_ANNOTATION = "config.kubernetes.io/local-config";
const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/**
 * `kustomize build` of the kustomization in `dir` (an absolute path in `fs`), byte-identical to
 * `kubectl kustomize` (Kustomize v5.5.0).
 *
 * @throws KustomizeError for every build failure kustomize reports (missing files, cycles,
 *   duplicate ids, malformed YAML, invalid kustomizations...), naming the file.
 */
export function build(fs: FileSystem, dir: string, options: BuildOptions = {}): BuildResult {
  const ctx: BuildContext = { warnings: [], parsed: new Map() };
  const loader = Loader.atRoot(fs, cleanPath(dir.startsWith("/") ? dir : `/${dir}`), {
    restrict: (options.loadRestrictions ?? "rootOnly") === "rootOnly",
  });
  const target = Target.load(loader, ctx);
  const k = target.kustomization;
  applyOpenApiField(ctx, k.openapi, loader, target.file, true);
  enableBuildMetadata(ctx, k.buildMetadata, target.loader.root);
  const acc = target.accumulate();
  const m = acc.resMap;
  addHashSuffixes(m);
  fixNameReferences(m, acc.config.nameReference);
  resolveVars(acc, target.file);
  dropLocalConfig(m);
  sortResources(m, k.sortOptions);
  const metadata = k.buildMetadata ?? [];
  if (metadata.includes("managedByLabel")) {
    setStringEntries(m, { [MANAGED_BY_LABEL]: "kustomize-(devel)" }, [
      { path: "metadata/labels", create: true },
    ]);
  }
  annotateBuildMetadata(ctx, m.list, metadata);
  for (const r of m.list) stripAnnotations(r, metadata);
  const resources = m.list.map((r) => r.obj);
  return { resources, yaml: encodeStream(resources), warnings: ctx.warnings };
}

/** The hash transformer: generated ConfigMaps/Secrets get `-<hash>` of their final content. */
function addHashSuffixes(m: ResMap): void {
  for (const r of m.list) {
    if (!r.needsHashSuffix) continue;
    const hash = kustomizeHash(r);
    r.storePreviousId();
    r.name = `${r.name}-${hash}`;
  }
}

/** Objects annotated `config.kubernetes.io/local-config` (any value but "false") are dropped. */
function dropLocalConfig(m: ResMap): void {
  for (const r of m.resources()) {
    const annotations = r.stringMap("annotations");
    const v = annotations.get(LOCAL_CONFIG_ANNOTATION);
    if (v !== undefined && v !== "false") m.remove(r);
  }
}

/**
 * Kustomize's final clean-up: build annotations and reserved user annotations removed, origin
 * and transformation annotations removed unless asked for. Kustomize rewrites the annotations
 * map on the way (values become strings, keys new untagged nodes; an emptied map disappears).
 */
function stripAnnotations(r: Resource, buildMetadata: readonly string[]): void {
  const keepOrigin = buildMetadata.includes("originAnnotations");
  const keepTransformations = buildMetadata.includes("transformerAnnotations");
  const annotations = r.stringMap("annotations");
  if (annotations.size === 0 && !r.hasBuildAnnotations() && keepOrigin && keepTransformations) {
    return;
  }
  for (const key of [...annotations.keys()]) {
    if (RESERVED_ANNOTATIONS.has(key)) annotations.delete(key);
    else if (!keepOrigin && key === ORIGIN_ANNOTATION) annotations.delete(key);
    else if (!keepTransformations && key === TRANSFORMATIONS_ANNOTATION) annotations.delete(key);
  }
  // Every key of the rewritten map is a new node.
  for (const key of annotations.keys()) checkCreatedKey(r, key);
  r.setStringMap("annotations", annotations);
}
