import { KustomizeError } from "./errors.ts";
import { type GvkSelector, idString, parseGroupVersion } from "./resid.ts";
import type { Resource } from "./resource.ts";
import { getField, isMap, newMap, scalarText, type Value, type ValueMap } from "./value.ts";

/**
 * A field spec of kustomize's transformer configs: which kinds (`group`/`version`/`kind`, empty
 * matches all) and which slash-separated path (`\/` escapes a slash; lists are walked into;
 * `name[]` marks a list) a transformer touches, and whether a missing field is created.
 */
export interface FieldSpec extends GvkSelector {
  readonly path: string;
  readonly create?: boolean | undefined;
}

/** What a created leaf holds: kustomize's `CreateKind` (none = never create the leaf). */
export type CreateKind = "scalar" | "map" | undefined;

/** Called with the container and key of each field a spec reaches. */
export type SetFn = (holder: ValueMap | Value[], key: string | number) => void;

/** Splits a field-spec path at `/`, honouring `\/` escapes (kustomize's `PathSplitter`). */
export function splitFieldPath(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [parts[0] ?? ""];
  for (let i = 1; i < parts.length; i++) {
    const last = out.length - 1;
    const prev = out[last] as string;
    if (prev.endsWith("\\")) out[last] = `${prev.slice(0, -1)}/${parts[i]}`;
    else out.push(parts[i] as string);
  }
  return out;
}

/** True when the spec's group/version/kind select this object. */
export function fieldSpecMatches(fs: GvkSelector, obj: ValueMap): boolean {
  const kind = scalarText(getField(obj, "kind"));
  if (fs.kind && fs.kind !== kind) return false;
  const { group, version } = parseGroupVersion(scalarText(getField(obj, "apiVersion")));
  if (fs.group && fs.group !== group) return false;
  if (fs.version && fs.version !== version) return false;
  return true;
}

const pathCache = new Map<string, string[]>();

function cachedSplit(path: string): string[] {
  let parts = pathCache.get(path);
  if (!parts) {
    parts = splitFieldPath(path);
    pathCache.set(path, parts);
  }
  return parts;
}

/**
 * Walks one field spec over a resource and calls `set` on every field it reaches, creating
 * missing intermediate maps and the leaf when the spec says `create` and `createKind` is given
 * (kustomize's `fieldspec.Filter`).
 */
export function applyFieldSpec(
  res: Resource,
  fs: FieldSpec,
  set: SetFn,
  createKind?: CreateKind,
): void {
  if (!fieldSpecMatches(fs, res.obj)) return;
  const path = cachedSplit(fs.path);
  const root: ValueMap[] = [res.obj];
  try {
    walk(root, 0, path, 0, fs.create === true, set, createKind);
  } catch (cause) {
    if (cause instanceof KustomizeError) throw cause;
    throw new KustomizeError(
      "INVALID_RESOURCE",
      `considering field '${fs.path}' of object ${idString(res.curId())}: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/** Applies every spec of a list in order. */
export function applyFieldSpecs(
  res: Resource,
  specs: readonly FieldSpec[],
  set: SetFn,
  createKind?: CreateKind,
): void {
  for (const fs of specs) applyFieldSpec(res, fs, set, createKind);
}

function walk(
  holder: ValueMap | Value[],
  key: string | number,
  path: string[],
  i: number,
  create: boolean,
  set: SetFn,
  createKind: CreateKind,
): void {
  if (i === path.length) {
    set(holder, key);
    return;
  }
  const node = (holder as Record<string | number, Value>)[key];
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (let j = 0; j < node.length; j++) walk(node, j, path, i, create, set, createKind);
    return;
  }
  if (!isMap(node)) throw new Error("expected sequence or mapping node");
  const element = path[i] as string;
  const isSeq = element.endsWith("[]");
  const fieldName = isSeq ? element.slice(0, -2) : element;
  if (fieldName === "") throw new Error("cannot set or create an empty field name");
  let kind: "scalar" | "map" | "seq" | undefined;
  let creating = false;
  if (!create || createKind === undefined || isSeq) {
    kind = isSeq ? "seq" : undefined;
  } else if (path.length - i <= 1) {
    kind = createKind;
    creating = true;
  } else {
    kind = "map";
    creating = true;
  }
  if (!Object.hasOwn(node, fieldName)) {
    if (!creating) return;
    node[fieldName] = emptyOf(kind);
  } else if (node[fieldName] === null && kind !== undefined) {
    node[fieldName] = emptyOf(kind);
  }
  walk(node, fieldName, path, i + 1, create, set, createKind);
}

function emptyOf(kind: "scalar" | "map" | "seq" | undefined): Value {
  if (kind === "map") return newMap();
  if (kind === "seq") return [];
  return "";
}
