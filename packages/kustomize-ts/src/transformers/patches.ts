import { buildMetadataAnnotations, recordTransformerInstance } from "../build-metadata.ts";
import { KustomizeError } from "../errors.ts";
import type { PatchArg, SelectorArg } from "../kustomization.ts";
import type { Loader } from "../loader.ts";
import { mergeSchemaFor } from "../openapi.ts";
import { applyJsonPatch, type JsonPatchOperation } from "../patch/json-patch.ts";
import { classifyPatch, decodeJsonPatch } from "../patch/patch-text.ts";
import type { MergeSchema } from "../patch/schema.ts";
import { compileSelector, type SelectableResource } from "../patch/selector.ts";
import { strategicMergeInPlace } from "../patch/strategic-merge.ts";
import { bytesToText, resourcesFromText } from "../reader.ts";
import { effectiveNamespace, idEquals, idString, makeResId, parseGroupVersion } from "../resid.ts";
import type { ResMap } from "../resmap.ts";
import type { Resource } from "../resource.ts";
import type { TransformStep } from "../steps.ts";
import { isMap, nullText, scalarText, type ValueMap } from "../value.ts";

/** What a patch may change besides content (`patches[].options`). */
export interface PatchOptions {
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}

/** A resource as a patch `target` / replacement selector sees it. */
export function selectableOf(r: Resource, ctx?: object): SelectableResource {
  const cur = r.curId();
  const org = r.orgId();
  return {
    group: cur.gvk.group,
    version: cur.gvk.version,
    kind: cur.gvk.kind,
    name: cur.name,
    namespace: effectiveNamespace(cur),
    originalName: org.name,
    originalNamespace: effectiveNamespace(org),
    labels: Object.fromEntries(r.stringMap("labels")),
    annotations: annotationsSeenBy(r, ctx),
  };
}

/**
 * A resource's annotations as selectors see them during the build of `ctx`: with `buildMetadata`
 * they include the origin and the transformations so far, which kustomize writes as it goes.
 */
export function annotationsSeenBy(r: Resource, ctx: object | undefined): Record<string, string> {
  const own = Object.fromEntries(r.stringMap("annotations"));
  return ctx === undefined ? own : Object.assign(own, buildMetadataAnnotations(ctx, r));
}

/** kustomize's `resWrangler.Select`: the resources a `target` selects, in order. */
export function selectResources(m: ResMap, selector: SelectorArg, ctx?: object): Resource[] {
  const compiled = compileSelector(selector);
  return m.list.filter((r) => compiled.matches(selectableOf(r, ctx)));
}

/**
 * kustomize's `Resource.ApplySmPatch`: merges, then restores kind and name unless the patch may
 * change them, and always restores the namespace. Returns false when the patch deleted the object.
 */
export function applySmPatch(
  res: Resource,
  patch: ValueMap,
  options: PatchOptions,
  schema: MergeSchema,
): boolean {
  const name = res.name;
  const namespace = res.namespace;
  const kind = res.kind;
  if (options.allowNameChange || options.allowKindChange) res.storePreviousId();
  const merged = strategicMergeInPlace(res.obj, patch, schema);
  if (merged === undefined || Object.keys(merged).length === 0) return false;
  res.obj = merged;
  if (options.allowNameChange) res.allowNameChange = true;
  if (options.allowKindChange) res.allowKindChange = true;
  if (!options.allowKindChange) res.obj.kind = kind;
  if (!options.allowNameChange) res.name = name;
  res.namespace = namespace;
  return true;
}

/** Applies an SM patch to the selected resources as `resWrangler.ApplySmPatch` does. */
function applySmPatchTo(
  m: ResMap,
  selected: readonly Resource[],
  patch: ValueMap,
  options: PatchOptions,
  schema: MergeSchema,
): void {
  const chosen = new Set(selected);
  for (const res of [...m.list]) {
    if (!chosen.has(res)) continue;
    const copy = stringifyMetadataMaps(patch);
    copy.apiVersion = res.apiVersion;
    if (!applySmPatch(res, copy, options, schema)) m.remove(res);
  }
}

/**
 * The patch copy `resWrangler.ApplySmPatch` makes: `CopyMergeMetaDataFieldsFrom` rewrites the
 * patch's own labels and annotations as string maps, so `app: null` becomes the string "null",
 * a null or empty map disappears, and numbers and booleans become strings.
 */
function stringifyMetadataMaps(patch: ValueMap): ValueMap {
  const copy: ValueMap = Object.assign(Object.create(null), patch);
  if (!isMap(patch.metadata)) return copy;
  const meta: ValueMap = Object.assign(Object.create(null), patch.metadata);
  for (const field of ["labels", "annotations"]) {
    if (!Object.hasOwn(meta, field)) continue;
    const raw = meta[field];
    const out: ValueMap = Object.create(null);
    if (isMap(raw)) {
      for (const key of Object.keys(raw)) {
        const v = raw[key];
        out[key] = v === null ? nullText(raw, key) : scalarText(v);
      }
    }
    if (Object.keys(out).length === 0) delete meta[field];
    else meta[field] = out;
  }
  copy.metadata = meta;
  return copy;
}

/** The resource a targetless SM patch names (kustomize's `GetById(patch.OrgId())`). */
function smPatchTarget(m: ResMap, patch: ValueMap, file: string): Resource {
  const meta = (patch.metadata ?? {}) as ValueMap;
  const { group, version } = parseGroupVersion(String(patch.apiVersion ?? ""));
  const id = makeResId(
    { group, version, kind: String(patch.kind ?? "") },
    String(meta.name ?? ""),
    typeof meta.namespace === "string" ? meta.namespace : "",
  );
  const found = m.byAnyId((x) => idEquals(id, x));
  if (found.length === 1) return found[0] as Resource;
  const why = found.length > 1 ? "multiple matches for Id" : "no matches for Id";
  throw new KustomizeError(
    "PATCH",
    `${file}: no resource matches strategic merge patch "${idString(id)}": ${why} ${idString(id)}; failed to find unique target for patch ${idString(id)}`,
    { file },
  );
}

function loadPatchFile(loader: Loader, path: string, file: string): string {
  try {
    return bytesToText(loader.load(path));
  } catch (cause) {
    if (cause instanceof KustomizeError) {
      throw new KustomizeError(
        cause.code,
        `${file}: failed to get the patch file from path(${path}): ${cause.message}`,
        { file, cause },
      );
    }
    throw cause;
  }
}

/** One configured `patches` entry (kustomize's PatchTransformer after `Config`). */
export interface ConfiguredPatch {
  /** `ctx`: the build, for the annotations selectors see (see {@link annotationsSeenBy}). */
  run(m: ResMap, schema: MergeSchema, ctx?: object): void;
}

/** Loads and classifies one `patches` entry; errors here are configuration errors. */
export function configurePatch(entry: PatchArg, loader: Loader, file: string): ConfiguredPatch {
  const inline = (entry.patch ?? "").trim();
  const path = entry.path ?? "";
  if (inline === "" && path === "") {
    throw new KustomizeError("PATCH", `${file}: must specify one of patch and path`, { file });
  }
  if (inline !== "" && path !== "") {
    throw new KustomizeError("PATCH", `${file}: patch and path can't be set at the same time`, {
      file,
    });
  }
  const text = inline !== "" ? inline : loadPatchFile(loader, path, file);
  const source = inline !== "" ? `[patch: ${JSON.stringify(inline)}]` : `[path: "${path}"]`;
  const where = path !== "" ? loader.resolve(path) : file;
  const classified = classifyPatch(text, source, (t) => resourcesFromText(t, where));
  const options: PatchOptions = {
    allowNameChange: entry.options?.allowNameChange === true,
    allowKindChange: entry.options?.allowKindChange === true,
  };
  const target = entry.target;
  if (classified.type === "strategic-merge") {
    const patches = classified.patches;
    return {
      run(m, schema, ctx) {
        if (target) {
          if (patches.length > 1) {
            throw new KustomizeError(
              "PATCH",
              `${file}: Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${source}`,
              { file },
            );
          }
          if (patches.length === 0) return;
          applySmPatchTo(
            m,
            selectResources(m, target, ctx),
            patches[0] as ValueMap,
            options,
            schema,
          );
          return;
        }
        for (const patch of patches) {
          const res = smPatchTarget(m, patch, file);
          if (!applySmPatch(res, patch, options, schema)) m.remove(res);
        }
      },
    };
  }
  const operations = classified.operations;
  if (operations.length === 0) {
    // An empty list also reads as zero resources: kustomize sees both kinds of patch.
    throw new KustomizeError(
      "PATCH",
      `${file}: illegally qualifies as both an SM and JSON patch: ${source}`,
      {
        file,
      },
    );
  }
  return {
    run(m, _schema, ctx) {
      if (!target) {
        throw new KustomizeError(
          "PATCH",
          `${file}: must specify a target for JSON patch ${source}`,
          {
            file,
          },
        );
      }
      applyJsonPatchTo(m, selectResources(m, target, ctx), operations, file, true);
    },
  };
}

function applyJsonPatchTo(
  m: ResMap,
  selected: readonly Resource[],
  operations: JsonPatchOperation[],
  file: string,
  storePreviousId: boolean,
): void {
  for (const res of selected) {
    if (storePreviousId) res.storePreviousId();
    try {
      res.obj = applyJsonPatch(res.obj, operations);
    } catch (cause) {
      if (cause instanceof KustomizeError) {
        throw new KustomizeError(cause.code, `${file}: ${cause.message}`, { file, cause });
      }
      throw cause;
    }
    if (Object.keys(res.obj).length === 0) {
      m.remove(res);
      continue;
    }
    rewriteAnnotations(res.obj);
  }
}

/**
 * After a JSON patch kustomize writes the annotations back as a string map (`SetAnnotations`):
 * values are the text of the decoded JSON (numbers in Go's `%g` float form), an empty or null
 * map disappears.
 */
function rewriteAnnotations(obj: ValueMap): void {
  const meta = obj.metadata;
  if (!isMap(meta) || !Object.hasOwn(meta, "annotations")) return;
  const raw = meta.annotations;
  const out: ValueMap = Object.create(null);
  if (isMap(raw)) {
    for (const key of Object.keys(raw).sort()) {
      const v = raw[key];
      out[key] =
        v === null
          ? "null"
          : typeof v === "number" || typeof v === "bigint"
            ? goFloatG(Number(v))
            : scalarText(v);
    }
  }
  if (Object.keys(out).length === 0) delete meta.annotations;
  else meta.annotations = out;
}

/** Go's strconv.FormatFloat(x, 'g', -1, 64). */
function goFloatG(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const [mantissa, expText] = x.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 21 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(x);
}

/** `patchesStrategicMerge`: every entry is inline YAML or a file path; all documents apply. */
export function configurePatchesStrategicMerge(
  entries: readonly string[],
  loader: Loader,
  file: string,
): ConfiguredPatch {
  const patches: ValueMap[] = [];
  for (const entry of entries) {
    let docs: ValueMap[] | undefined;
    try {
      docs = resourcesFromText(entry, file);
    } catch {
      docs = undefined;
    }
    if (docs === undefined) {
      const text = bytesToText(loader.load(entry));
      docs = resourcesFromText(text, loader.resolve(entry));
    }
    patches.push(...docs);
  }
  if (patches.length === 0) {
    throw new KustomizeError(
      "PATCH",
      `${file}: patch appears to be empty; files=${JSON.stringify(entries)}`,
      { file },
    );
  }
  return {
    run(m, schema) {
      for (const patch of patches) {
        const res = smPatchTarget(m, patch, file);
        applySmPatchTo(m, [res], patch, {}, schema);
      }
    },
  };
}

/** One `patchesJson6902` entry (kustomize's PatchJson6902Transformer). */
export function configurePatchJson6902(
  entry: PatchArg,
  loader: Loader,
  file: string,
): ConfiguredPatch {
  if (!entry.target?.name) {
    throw new KustomizeError("PATCH", `${file}: must specify the target name`, { file });
  }
  const path = entry.path ?? "";
  const inline = entry.patch ?? "";
  if (path !== "" && inline !== "") {
    throw new KustomizeError("PATCH", `${file}: must specify only one of path or jsonOp`, { file });
  }
  if (path === "" && inline === "") {
    throw new KustomizeError("PATCH", `${file}: empty file path and empty jsonOp`, { file });
  }
  const text = path !== "" ? loadPatchFile(loader, path, file) : inline;
  let operations: JsonPatchOperation[];
  try {
    operations = decodeJsonPatch(text);
  } catch (cause) {
    throw new KustomizeError("PATCH", `${file}: ${(cause as Error).message}`, { file, cause });
  }
  if (operations.length === 0) {
    throw new KustomizeError("PATCH", `${file}: patch appears to be empty; file=${path}`, { file });
  }
  const target = entry.target;
  return {
    run(m, _schema, ctx) {
      applyJsonPatchTo(m, selectResources(m, target, ctx), operations, file, false);
    },
  };
}

/** The `patchesStrategicMerge` step. */
export const PATCHES_STRATEGIC_MERGE_STEP: TransformStep = {
  field: "patchesStrategicMerge",
  run({ target, acc }) {
    const entries = target.kustomization.patchesStrategicMerge ?? [];
    if (entries.length === 0) return;
    configurePatchesStrategicMerge(entries, target.loader, target.file).run(
      acc.resMap,
      mergeSchemaFor(target.ctx),
    );
  },
};

/**
 * A patch step: every entry configured first, then applied in list order, each one a transformer
 * instance of `kind` for `buildMetadata`.
 */
function patchStep(
  field: "patches" | "patchesJson6902",
  kind: string,
  configure: (entry: PatchArg, loader: Loader, file: string) => ConfiguredPatch,
): TransformStep {
  return {
    field,
    run({ target, acc }) {
      const configured = (target.kustomization[field] ?? []).map((p) =>
        configure(p, target.loader, target.file),
      );
      const schema = mergeSchemaFor(target.ctx);
      for (const p of configured) {
        p.run(acc.resMap, schema, target.ctx);
        recordTransformerInstance(target, acc, kind);
      }
    },
  };
}

/** The `patches` step. */
export const PATCHES_STEP = patchStep("patches", "PatchTransformer", configurePatch);

/** The `patchesJson6902` step (after labels and annotations). */
export const PATCHES_JSON6902_STEP = patchStep(
  "patchesJson6902",
  "PatchJson6902Transformer",
  configurePatchJson6902,
);
