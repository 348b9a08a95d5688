import type { Accumulator } from "./accumulator.ts";
import { dirName, relativePath } from "./paths.ts";
import type { Resource } from "./resource.ts";
import type { Target } from "./target.ts";
import { isMap, newMap } from "./value.ts";

/*
 * `buildMetadata: [originAnnotations, transformerAnnotations]`. kustomize records, for every
 * resource, where it came from (`config.kubernetes.io/origin`) and every builtin transformer
 * instance of every level that ran over it (`alpha.config.kubernetes.io/transformations`);
 * paths are relative to the directory being built. The top-level setting applies to all levels.
 */

export interface TransformerOrigin {
  /** Absolute path of the file that configured the transformer. */
  readonly file: string;
  readonly kind: string;
  /** Set for `transformers:` plugins: the plugin configuration's metadata. */
  readonly name?: string | undefined;
  readonly namespace?: string | undefined;
}

interface BuildMetadataState {
  root: string;
}

const enabled = new WeakMap<object, BuildMetadataState>();
const history = new WeakMap<Resource, TransformerOrigin[]>();
const pluginGenerated = new WeakMap<Resource, { name?: string; namespace?: string }>();

/** Marks a resource made by a `generators:` plugin (its origin names the plugin config). */
export function markPluginGenerated(
  r: Resource,
  meta: { name?: string | undefined; namespace?: string | undefined },
): void {
  const m: { name?: string; namespace?: string } = {};
  if (meta.name) m.name = meta.name;
  if (meta.namespace) m.namespace = meta.namespace;
  pluginGenerated.set(r, m);
}

/** Records one `transformers:` plugin run over the current resources. */
export function recordPluginTransformation(
  target: Target,
  acc: Accumulator,
  origin: TransformerOrigin,
): void {
  if (!enabled.has(target.ctx)) return;
  for (const r of acc.resMap.list) {
    const list = history.get(r) ?? [];
    list.push(origin);
    history.set(r, list);
  }
}

/** Turns recording on for the build `ctx` belongs to when the top level asks for metadata. */
export function enableBuildMetadata(
  ctx: object,
  buildMetadata: readonly string[] | undefined,
  root: string,
): void {
  if (buildMetadata && buildMetadata.length > 0) enabled.set(ctx, { root });
}

function nonEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** How many instances of which builtin transformer a step field configures. */
function instances(target: Target, field: string): TransformerOrigin[] {
  const k = target.kustomization;
  const file = target.file;
  const n = (count: number, kind: string): TransformerOrigin[] =>
    Array.from({ length: count }, () => ({ file, kind }));
  switch (field) {
    case "patchesStrategicMerge":
      return n(nonEmpty(k.patchesStrategicMerge) ? 1 : 0, "PatchStrategicMergeTransformer");
    // patches and patchesJson6902 record each instance as it runs (recordTransformerInstance):
    // a later entry's selector sees the earlier ones.
    case "namespace":
      return n(k.namespace ? 1 : 0, "NamespaceTransformer");
    case "namePrefix":
      return n(k.namePrefix ? 1 : 0, "PrefixTransformer");
    case "nameSuffix":
      return n(k.nameSuffix ? 1 : 0, "SuffixTransformer");
    case "labels": {
      const labels = k.labels?.length ?? 0;
      return n(labels > 0 || nonEmpty(k.commonLabels) ? labels + 1 : 0, "LabelTransformer");
    }
    case "commonAnnotations":
      return n(nonEmpty(k.commonAnnotations) ? 1 : 0, "AnnotationsTransformer");
    case "replicas":
      return n(k.replicas?.length ?? 0, "ReplicaCountTransformer");
    case "images":
      return n(k.images?.length ?? 0, "ImageTagTransformer");
    case "replacements":
      return n(nonEmpty(k.replacements) ? 1 : 0, "ReplacementTransformer");
    default:
      return [];
  }
}

/** Records one builtin transformer instance of `target` that just ran over the resources. */
export function recordTransformerInstance(target: Target, acc: Accumulator, kind: string): void {
  recordPluginTransformation(target, acc, { file: target.file, kind });
}

/** Called after each builtin transformer step of a level. */
export function recordTransformations(target: Target, acc: Accumulator, field: string): void {
  if (!enabled.has(target.ctx)) return;
  const added = instances(target, field);
  if (added.length === 0) return;
  for (const r of acc.resMap.list) {
    const list = history.get(r) ?? [];
    list.push(...added);
    history.set(r, list);
  }
}

function originText(r: Resource, root: string): string | undefined {
  const o = r.origin;
  if (!o) return undefined;
  const rel = relativePath(root, o.file);
  if (o.generator) {
    const plugin = pluginGenerated.get(r);
    const extra = `${plugin?.name ? `  name: ${plugin.name}\n` : ""}${plugin?.namespace ? `  namespace: ${plugin.namespace}\n` : ""}`;
    return `configuredIn: ${rel}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${o.generator}\n${extra}`;
  }
  return `path: ${rel}\n`;
}

function transformationsText(list: readonly TransformerOrigin[], root: string): string {
  return list
    .map(
      (t) =>
        `- configuredIn: ${relativePath(root, t.file)}\n  configuredBy:\n    apiVersion: builtin\n    kind: ${t.kind}\n${t.name ? `    name: ${t.name}\n` : ""}${t.namespace ? `    namespace: ${t.namespace}\n` : ""}`,
    )
    .join("");
}

const ALL_METADATA = ["originAnnotations", "transformerAnnotations"];

/**
 * The origin and transformation annotations `r` carries at this point of the build of `ctx`
 * (kustomize writes both as it goes whatever `buildMetadata` lists, so selectors see them, and
 * drops the unlisted ones at the end); none without `buildMetadata`.
 */
export function buildMetadataAnnotations(ctx: object, r: Resource): Record<string, string> {
  const state = enabled.get(ctx);
  if (!state) return {};
  return Object.fromEntries(metadataEntries(r, state.root, ALL_METADATA));
}

function metadataEntries(
  r: Resource,
  root: string,
  buildMetadata: readonly string[],
): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (buildMetadata.includes("originAnnotations")) {
    const text = originText(r, root);
    if (text) entries.push(["config.kubernetes.io/origin", text]);
  }
  const list = history.get(r);
  if (buildMetadata.includes("transformerAnnotations") && list && list.length > 0) {
    entries.push(["alpha.config.kubernetes.io/transformations", transformationsText(list, root)]);
  }
  return entries;
}

/** Writes the origin and transformation annotations the build asked for. */
export function annotateBuildMetadata(
  ctx: object,
  resources: readonly Resource[],
  buildMetadata: readonly string[],
): void {
  const state = enabled.get(ctx);
  if (!state) return;
  const root = state.root;
  for (const r of resources) {
    const entries = metadataEntries(r, root, buildMetadata);
    if (entries.length === 0) continue;
    const meta = r.metadata();
    const annotations = isMap(meta.annotations) ? meta.annotations : newMap();
    for (const [k, v] of entries) annotations[k] = v;
    meta.annotations = annotations;
  }
}

/** The directory a kustomization file lives in. */
export function rootOf(file: string): string {
  return dirName(file);
}
