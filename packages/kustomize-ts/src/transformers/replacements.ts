import { parse } from "yaml";
import { KustomizeError } from "../errors.ts";
import type { SelectorArg } from "../kustomization.ts";
import type { Loader } from "../loader.ts";
import {
  type FieldOptions,
  lookupField,
  refineSourceValue,
  splitFieldPath,
  writeReplacement,
} from "../patch/field-path.ts";
import { toValue } from "../patch/patch-text.ts";
import { parseLabelSelector } from "../patch/selector.ts";
import { bytesToText } from "../reader.ts";
import { effectiveNamespace, makeResId, type ResId } from "../resid.ts";
import type { ResMap } from "../resmap.ts";
import type { Resource } from "../resource.ts";
import type { TransformStep } from "../steps.ts";
import { isMap, type Value, type ValueMap } from "../value.ts";
import { annotationsSeenBy } from "./patches.ts";

/** An id selector as replacements write it (`resid.ResId`: exact values, empty = any). */
export interface IdSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface ReplacementSource extends IdSelector {
  fieldPath?: string;
  options?: FieldOptions;
}

export interface TargetSelector {
  select?: SelectorArg;
  reject?: SelectorArg[];
  fieldPaths?: string[];
  options?: FieldOptions;
}

export interface Replacement {
  source?: ReplacementSource;
  targets?: TargetSelector[];
}

function fail(message: string, file: string): KustomizeError {
  return new KustomizeError("REPLACEMENT", `${file}: ${message}`, { file });
}

function str(v: Value | undefined): string | undefined {
  return typeof v === "string" ? v : v === undefined || v === null ? undefined : String(v);
}

/**
 * The id fields and label/annotation selectors of a selector map (`select`, `reject`, a source,
 * a plugin config's `target`), scalars read as text; anything else is an empty selector.
 */
export function toSelector(v: Value | undefined): SelectorArg {
  const m = isMap(v) ? v : {};
  const out: SelectorArg = {};
  for (const key of [
    "group",
    "version",
    "kind",
    "name",
    "namespace",
    "labelSelector",
    "annotationSelector",
  ] as const) {
    const s = str(m[key]);
    if (s !== undefined) out[key] = s;
  }
  return out;
}

function toOptions(v: Value | undefined): FieldOptions | undefined {
  if (!isMap(v)) return undefined;
  const out: FieldOptions = {};
  const delimiter = str(v.delimiter);
  if (delimiter !== undefined) out.delimiter = delimiter;
  if (typeof v.index === "number") out.index = v.index;
  if (v.create === true) out.create = true;
  return out;
}

/** A replacement as decoded from YAML. */
export function toReplacement(v: Value): Replacement {
  const m = isMap(v) ? v : {};
  const out: Replacement = {};
  if (isMap(m.source)) {
    const src: ReplacementSource = toSelector(m.source);
    const fp = str(m.source.fieldPath);
    if (fp !== undefined) src.fieldPath = fp;
    const options = toOptions(m.source.options);
    if (options) src.options = options;
    out.source = src;
  }
  if (Array.isArray(m.targets)) {
    out.targets = m.targets.map((t) => {
      const tm = isMap(t) ? t : {};
      const target: TargetSelector = {};
      if (isMap(tm.select)) target.select = toSelector(tm.select);
      if (Array.isArray(tm.reject)) target.reject = tm.reject.map(toSelector);
      if (Array.isArray(tm.fieldPaths)) target.fieldPaths = tm.fieldPaths.map(String);
      const options = toOptions(tm.options);
      if (options) target.options = options;
      return target;
    });
  }
  return out;
}

/**
 * The replacements a kustomization lists, with `path:` entries loaded (a file holds one
 * replacement or a list of them).
 */
export function loadReplacements(
  entries: ReadonlyArray<Record<string, unknown>>,
  loader: Loader,
  file: string,
): Replacement[] {
  const out: Replacement[] = [];
  for (const entry of entries) {
    const path = entry.path;
    if (typeof path === "string" && path !== "") {
      if (entry.source !== undefined || entry.targets !== undefined) {
        throw fail("cannot specify both path and inline replacement", file);
      }
      const text = bytesToText(loader.load(path));
      const doc = toValue(parse(text, { version: "1.1", intAsBigInt: true, uniqueKeys: false }));
      for (const item of Array.isArray(doc) ? doc : [doc]) out.push(toReplacement(item));
      continue;
    }
    out.push(toReplacement(toValue(entry)));
  }
  return out;
}

function selectorId(sel: IdSelector): ResId {
  return makeResId(
    { group: sel.group ?? "", version: sel.version ?? "", kind: sel.kind ?? "" },
    sel.name ?? "",
    sel.namespace ?? "",
  );
}

/** `ResId.IsSelectedBy`: exact name, effective namespace and GVK fields where given. */
function isSelectedBy(id: ResId, sel: IdSelector): boolean {
  if (sel.name && sel.name !== id.name) return false;
  if (sel.namespace && effectiveNamespace(selectorId(sel)) !== effectiveNamespace(id)) return false;
  if (sel.group && sel.group !== id.gvk.group) return false;
  if (sel.version && sel.version !== id.gvk.version) return false;
  if (sel.kind && sel.kind !== id.gvk.kind) return false;
  return true;
}

function isEmptyId(sel: IdSelector): boolean {
  return !sel.group && !sel.version && !sel.kind && !sel.name && !sel.namespace;
}

function matchesLabelsAndAnnotations(
  r: Resource,
  sel: { labelSelector?: string; annotationSelector?: string },
  ctx: object | undefined,
): boolean {
  const labels = parseLabelSelector(sel.labelSelector ?? "");
  const annotations = parseLabelSelector(sel.annotationSelector ?? "");
  return (
    labels(Object.fromEntries(r.stringMap("labels"))) && annotations(annotationsSeenBy(r, ctx))
  );
}

function nilOrEmpty(v: Value | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  return false;
}

function describe(sel: IdSelector): string {
  const gvk = `${sel.kind || "[noKind]"}.${sel.version || "[noVer]"}.${sel.group || "[noGrp]"}`;
  return `${gvk}/${sel.name || "[noName]"}.${sel.namespace || "[noNs]"}`;
}

/** kustomize's replacement filter over the accumulated resources, replacement by replacement. */
export function applyReplacements(
  m: ResMap,
  replacements: Replacement[],
  file: string,
  ctx?: object,
): void {
  for (const r of replacements) {
    if (!r.source || !r.targets) {
      throw fail("replacements must specify a source and at least one target", file);
    }
    const source = r.source;
    const matches = m.list.filter((res) => res.allIds().some((id) => isSelectedBy(id, source)));
    if (matches.length > 1) throw fail(`multiple matches for selector ${describe(source)}`, file);
    if (matches.length === 0) throw fail(`nothing selected by ${describe(source)}`, file);
    const fieldPath = source.fieldPath || "metadata.name";
    const found = lookupField((matches[0] as Resource).obj, splitFieldPath(fieldPath));
    if (nilOrEmpty(found)) {
      throw fail(
        `fieldPath \`${fieldPath}\` is missing for replacement source ${describe(source)}`,
        file,
      );
    }
    const value = refineSourceValue(found as Value, source.options);
    for (const t of r.targets) {
      if (!t.select) throw fail("target must specify resources to select", file);
      const select = t.select;
      const fieldPaths = t.fieldPaths && t.fieldPaths.length > 0 ? t.fieldPaths : ["metadata.name"];
      for (const res of m.list) {
        if (!matchesLabelsAndAnnotations(res, select, ctx)) continue;
        const rejectedByLabels = (t.reject ?? []).some(
          (rj) =>
            (rj.labelSelector || rj.annotationSelector) &&
            matchesLabelsAndAnnotations(res, rj, ctx),
        );
        if (rejectedByLabels) continue;
        const ids = res.allIds();
        const rejected = (t.reject ?? []).some(
          (rj) => !isEmptyId(rj) && ids.some((id) => isSelectedBy(id, rj)),
        );
        if (rejected || !ids.some((id) => isSelectedBy(id, select))) continue;
        for (const fp of fieldPaths) {
          try {
            writeReplacement(res.obj as ValueMap, fp, value, t.options);
          } catch (cause) {
            if (cause instanceof KustomizeError) throw fail(cause.message, file);
            throw cause;
          }
        }
      }
    }
  }
}

/** The `replacements` step (last builtin transformer of a level). */
export const REPLACEMENTS_STEP: TransformStep = {
  field: "replacements",
  run({ target, acc }) {
    const entries = target.kustomization.replacements ?? [];
    if (entries.length === 0) return;
    applyReplacements(
      acc.resMap,
      loadReplacements(entries, target.loader, target.file),
      target.file,
      target.ctx,
    );
  },
};
