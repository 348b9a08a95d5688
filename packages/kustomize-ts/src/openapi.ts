import { decodeYaml } from "./codec.ts";
import { KustomizeError } from "./errors.ts";
import type { Loader } from "./loader.ts";
import { builtinMergeSchema, type MergeSchema, parseMergeSchema } from "./patch/schema.ts";
import { bytesToText } from "./reader.ts";
import { builtinScope, setScopeOracle } from "./resid.ts";

/**
 * The schema strategic merge uses, per build. kyaml keeps it process-global: the top-level
 * kustomization sets it (`openapi: {path}` or `{version}`), and a base or component only sets it
 * when nothing set it before (kustomize's `openapi.SetSchema(..., reset=false)`).
 */
interface SchemaState {
  schema: MergeSchema;
  set: boolean;
}

const states = new WeakMap<object, SchemaState>();

function state(ctx: object): SchemaState {
  let s = states.get(ctx);
  if (!s) {
    s = { schema: builtinMergeSchema(), set: false };
    states.set(ctx, s);
  }
  return s;
}

/** The merge schema in force for the build `ctx` belongs to. */
export function mergeSchemaFor(ctx: object): MergeSchema {
  return state(ctx).schema;
}

/**
 * Applies a kustomization's `openapi` field. `reset` is true for the top-level kustomization.
 * @throws KustomizeError when both `path` and `version` are given or the version is not built in.
 */
export function applyOpenApiField(
  ctx: object,
  openapi: Record<string, string> | undefined,
  loader: Loader,
  file: string,
  reset: boolean,
): void {
  const s = state(ctx);
  const path = openapi?.path;
  // kustomize loads the file before deciding whether the setting takes effect.
  const bytes = path !== undefined ? loader.load(path) : undefined;
  if (s.set && !reset) return;
  const version = openapi?.version;
  if (bytes !== undefined) {
    if (version !== undefined) {
      throw new KustomizeError(
        "INVALID_KUSTOMIZATION",
        `${file}: builtin version and custom schema provided, cannot use both`,
        { file },
      );
    }
    const doc = decodeYaml(bytesToText(bytes), loader.resolve(path as string));
    const schema = parseMergeSchema(doc);
    s.schema = schema;
    s.set = true;
    setScopeOracle(
      (apiVersion, kind) =>
        builtinScope(apiVersion, kind) || schema.clusterScoped.has(`${apiVersion} ${kind}`),
    );
    return;
  }
  if (version === undefined || version === "") {
    if (reset) {
      s.schema = builtinMergeSchema();
      s.set = false;
      setScopeOracle(undefined);
    }
    return;
  }
  if (version !== "v1.21.2") {
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `${file}: the specified OpenAPI version is not built in`,
      { file },
    );
  }
  s.schema = builtinMergeSchema();
  s.set = true;
  setScopeOracle(undefined);
}
