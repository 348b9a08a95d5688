import type { JsonValue } from "@fleet-baseline/model";

/** `missing`: in git, not in the cluster. `changed`: both, fields differ. `extra`: owned live object git lacks. */
export type ChangeType = "missing" | "changed" | "extra";

/** Why a field differs. */
export type ChangeReason =
  | "value-differs"
  | "missing-live"
  | "added-live"
  | "list-differs"
  | "type-differs";

/** One difference between git and the cluster. */
export interface DriftChange {
  type: ChangeType;
  apiVersion: string;
  kind: string;
  /** `null` for cluster-scoped objects. */
  namespace: string | null;
  name: string;
  /** RFC 6901 pointer into the normalized object; `""` for a whole object (missing, extra). */
  path: string;
  /** Normalized git value; `null` when absent. The literal `"(hidden)"` for Secret values. */
  desired: JsonValue;
  /** Normalized live value; `null` when absent. The literal `"(hidden)"` for Secret values. */
  live: JsonValue;
  /** Catalog controls (controls.md) whose guarantee this change weakens, e.g. `["ZT-NET-002"]`. */
  weakens: string[];
  /** Only on `changed`. */
  reason?: ChangeReason;
  /** True when the values are Secret data and were masked. */
  sensitive?: boolean;
  /** The field manager that last wrote this field live (from managedFields, when present). */
  changedBy?: { manager: string; operation: string; time?: string };
}

/**
 * A kind git needs that the cluster does not serve (CRD not installed), or, with `reason:
 * "forbidden"`, a kind RBAC does not let the reader list: one finding, not N missing objects.
 */
export interface UnservedKind {
  apiVersion: string;
  kind: string;
  /** Present when the kind is served but the API server answered 403 Forbidden. */
  reason?: "forbidden";
  /** Desired objects of that kind that could not be compared. */
  objects: number;
}

export interface DriftSummary {
  missing: number;
  changed: number;
  extra: number;
  /** Desired objects found live and compared field by field. */
  compared: number;
}

/**
 * A live-only field that the guard for unknown defaults (drift.md 3.4) did not count as drift: the
 * object has managedFields and nobody, or only trusted managers, own the field.
 */
export interface DriftNote {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
  /** RFC 6901 pointer into the normalized object. */
  path: string;
  /** The managers owning the field (all trusted); empty when nobody owns it. */
  owners: string[];
}

/** The result of comparing one cluster. Findings are data: nothing here throws for drift. */
export interface DriftReport {
  drifted: boolean;
  summary: DriftSummary;
  /** Sorted by object (group, kind, namespace, name), then path. */
  changes: DriftChange[];
  unserved: UnservedKind[];
  /** Live-only fields downgraded by the guard for unknown defaults; never drift. */
  notes: DriftNote[];
}

/** Options of {@link diffObjects}. */
export interface DiffOptions {
  /**
   * Scope from discovery: `true` namespaced, `false` cluster-scoped, `undefined` unknown (the
   * built-in table then decides).
   */
  namespaced?: (group: string, kind: string) => boolean | undefined;
  /**
   * Kinds git needs that the cluster does not serve, or (`reason: "forbidden"`) that RBAC forbids
   * reading; neither side of such a kind is compared. A forbidden kind is reported even when git
   * has no object of it (its extras cannot be seen).
   */
  unserved?: ReadonlyArray<{ apiVersion: string; kind: string; reason?: "forbidden" }>;
  /**
   * Guard for unknown defaults (drift.md 3.4), on unless `false`: when a live object has
   * managedFields, a live-only key owned by nobody or only by trusted managers becomes a note.
   * Keys owned by `kubectl-*` or any other untrusted manager stay drift. Objects without
   * managedFields (plain snapshots) are compared with the kind profiles alone either way.
   */
  unknownDefaults?: boolean;
  /**
   * Managers trusted in addition to `kube-controller-manager` and
   * `clusterrole-aggregation-controller` (platform controllers, e.g. `kyverno`).
   */
  trustedManagers?: readonly string[];
}
