import { compareStrings, groupOf, type JsonValue, type KubeObject } from "@fleet-baseline/model";
import { attribute } from "./attribution.ts";
import { compareValues, type FieldDiff } from "./compare.ts";
import { type NormalizedObject, normalizeObject } from "./normalize.ts";
import { toPointer } from "./paths.ts";
import { listMatcherFor } from "./profiles.ts";
import type {
  ChangeType,
  DiffOptions,
  DriftChange,
  DriftNote,
  DriftReport,
  UnservedKind,
} from "./types.ts";
import { downgradedOwners, trustedManagers } from "./unknown-defaults.ts";
import { weakenedControls } from "./weakens.ts";

/** What a masked Secret value reads as. */
export const HIDDEN = "(hidden)";

const TYPE_ORDER: Record<ChangeType, number> = { missing: 0, changed: 1, extra: 2 };

/**
 * Compares the desired objects (git) with the live ones (cluster) after normalizing both sides
 * (drift.md section 3). Pure: no I/O, no clock. Only live objects labelled
 * `app.kubernetes.io/managed-by: fleet-baseline` can be `extra`; objects being deleted count as
 * absent; Secret values never appear in the report. With managedFields, live-only fields owned by
 * nobody or only by trusted managers are notes, not drift (`options.unknownDefaults`).
 */
export function diffObjects(
  desired: readonly KubeObject[],
  live: readonly KubeObject[],
  options: DiffOptions = {},
): DriftReport {
  const scope = (object: KubeObject) =>
    options.namespaced?.(groupOf(object.apiVersion), object.kind);
  const unservedIds = new Set(
    (options.unserved ?? []).map((u) => `${groupOf(u.apiVersion)}/${u.kind}`),
  );
  const unserved = new Map<string, UnservedKind>();
  for (const u of options.unserved ?? []) {
    if (u.reason === "forbidden") {
      const id = `${groupOf(u.apiVersion)}/${u.kind}`;
      unserved.set(id, { apiVersion: u.apiVersion, kind: u.kind, reason: u.reason, objects: 0 });
    }
  }

  const wanted = new Map<string, NormalizedObject>();
  for (const object of desired) {
    const id = `${groupOf(object.apiVersion)}/${object.kind}`;
    if (unservedIds.has(id)) {
      const entry = unserved.get(id) ?? {
        apiVersion: object.apiVersion,
        kind: object.kind,
        objects: 0,
      };
      entry.objects += 1;
      unserved.set(id, entry);
      continue;
    }
    const normalized = normalizeObject(object, scope(object));
    if (!wanted.has(normalized.key)) wanted.set(normalized.key, normalized);
  }
  const present = new Map<string, NormalizedObject>();
  for (const object of live) {
    if (unservedIds.has(`${groupOf(object.apiVersion)}/${object.kind}`)) continue;
    const normalized = normalizeObject(object, scope(object));
    if (!normalized.deleting && !present.has(normalized.key))
      present.set(normalized.key, normalized);
  }

  const trusted = trustedManagers(options);
  const changes: DriftChange[] = [];
  const notes: DriftNote[] = [];
  const summary = { missing: 0, changed: 0, extra: 0, compared: 0 };
  for (const [key, want] of wanted) {
    const have = present.get(key);
    if (!have) {
      summary.missing += 1;
      changes.push(wholeObject("missing", want, undefined));
      continue;
    }
    summary.compared += 1;
    let drifted = false;
    for (const field of compareObject(want, have)) {
      const owners = downgradedOwners(have, field, trusted);
      if (owners) notes.push({ ...identity(want), path: toPointer(field.tokens), owners });
      else {
        drifted = true;
        changes.push(fieldChange(want, have, field));
      }
    }
    if (drifted) summary.changed += 1;
  }
  for (const [key, have] of present) {
    if (have.owned && !wanted.has(key)) {
      summary.extra += 1;
      changes.push(wholeObject("extra", undefined, have));
    }
  }
  changes.sort(compareChanges);
  const unservedList = [...unserved.values()].sort((a, b) =>
    `${a.apiVersion}/${a.kind}` < `${b.apiVersion}/${b.kind}` ? -1 : 1,
  );
  return {
    drifted: changes.length > 0 || unservedList.length > 0,
    summary,
    changes,
    unserved: unservedList,
    notes: notes.sort(compareChanges),
  };
}

/** Labels and annotations: only the keys git sets. The body: all of it. */
function compareObject(want: NormalizedObject, have: NormalizedObject): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of ["labels", "annotations"] as const) {
    for (const [key, value] of Object.entries(want[field])) {
      const live = have[field][key];
      const tokens = ["metadata", field, key];
      if (live === undefined) out.push({ tokens, reason: "missing-live", desired: value });
      else compareValues(value, live, () => false, out, tokens);
    }
  }
  return compareValues(want.body, have.body, listMatcherFor(want.group, want.kind), out);
}

function isSensitive(object: NormalizedObject, tokens: readonly string[]): boolean {
  if (object.group !== "" || object.kind !== "Secret") return false;
  const [top, field] = tokens;
  return top === "data" || top === "stringData" || (top === "metadata" && field === "annotations");
}

function fieldChange(
  want: NormalizedObject,
  have: NormalizedObject,
  field: FieldDiff,
): DriftChange {
  const sensitive = isSensitive(want, field.tokens);
  const shown = (value: JsonValue | undefined): JsonValue =>
    value === undefined ? null : sensitive ? HIDDEN : value;
  const change: DriftChange = {
    type: "changed",
    apiVersion: want.apiVersion,
    kind: want.kind,
    namespace: want.namespace || null,
    name: want.name,
    path: toPointer(field.tokens),
    desired: shown(field.desired),
    live: shown(field.live),
    weakens: weakenedControls({ type: "changed", desired: want, live: have, tokens: field.tokens }),
    reason: field.reason,
  };
  if (sensitive) change.sensitive = true;
  const by = attribute(have.managers, field.tokens);
  if (by) change.changedBy = by;
  return change;
}

function wholeObject(
  type: "missing" | "extra",
  want: NormalizedObject | undefined,
  have: NormalizedObject | undefined,
): DriftChange {
  const object = (want ?? have) as NormalizedObject;
  return {
    type,
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.namespace || null,
    name: object.name,
    path: "",
    desired: null,
    live: null,
    weakens: weakenedControls({ type, desired: want, live: have, tokens: [] }),
  };
}

function identity(object: NormalizedObject) {
  const { apiVersion, kind, name } = object;
  return { apiVersion, kind, namespace: object.namespace || null, name };
}

function compareChanges(a: DriftChange | DriftNote, b: DriftChange | DriftNote): number {
  return (
    compareStrings(groupOf(a.apiVersion), groupOf(b.apiVersion)) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.namespace ?? "", b.namespace ?? "") ||
    compareStrings(a.name, b.name) ||
    ("type" in a && "type" in b ? TYPE_ORDER[a.type] - TYPE_ORDER[b.type] : 0) ||
    compareStrings(a.path, b.path)
  );
}
