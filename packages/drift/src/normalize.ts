import {
  groupOf,
  type JsonObject,
  type KubeObject,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
} from "@fleet-baseline/model";
import { type ChangedBy, managedEntries } from "./attribution.ts";
import { dropEmpty, isObject, toJson } from "./json.ts";
import { sortSetLists } from "./list-semantics.ts";
import { isClusterScoped, listMatcherFor, profileFor } from "./profiles.ts";

/** Client-side apply's copy of the manifest: never compared, never printed (Secrets in clear). */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** Top-level keys that are not the git-owned body. */
const ENVELOPE = new Set(["apiVersion", "kind", "metadata", "status"]);

/** An object reduced to what drift compares, identical for desired and live when nothing drifted. */
export interface NormalizedObject {
  apiVersion: string;
  kind: string;
  group: string;
  /** `""` for cluster-scoped kinds, even when the manifest carried a namespace. */
  namespace: string;
  /** The name as written. */
  name: string;
  /** `group/kind/namespace/name` with the kind's canonical name (Calico `default.` prefix). */
  key: string;
  labels: JsonObject;
  /** Without the last-applied annotation. */
  annotations: JsonObject;
  /** Everything but apiVersion, kind, metadata and status, normalized per kind. */
  body: JsonObject;
  /** Carries `app.kubernetes.io/managed-by: fleet-baseline`. */
  owned: boolean;
  /** Has a deletionTimestamp: counts as absent. */
  deleting: boolean;
  /** `metadata.managedFields` entries, for attribution ("who changed it"). */
  managers: Array<ChangedBy & { fields: JsonObject }>;
}

/**
 * Normalizes one object (desired or live alike, drift.md 3.5): drops system metadata and status,
 * applies the kind's defaults and server-owned paths, drops empty values bottom-up (never list
 * elements) and sorts set-like lists. `namespaced` comes from discovery when known.
 */
export function normalizeObject(object: KubeObject, namespaced?: boolean): NormalizedObject {
  const group = groupOf(object.apiVersion);
  const version = object.apiVersion.slice(object.apiVersion.indexOf("/") + 1);
  const { kind } = object;
  const meta = object.metadata ?? {};
  const scoped = namespaced === undefined ? !isClusterScoped(group, kind) : namespaced;
  // A namespaced object without a namespace lands in "default" (kubectl's fallback context namespace).
  const namespace = scoped
    ? (typeof meta.namespace === "string" && meta.namespace) || "default"
    : "";
  const name = typeof meta.name === "string" ? meta.name : "";

  const raw: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (!ENVELOPE.has(key) && value !== undefined) raw[key] = toJson(value);
  }
  let body = dropEmpty(raw) as JsonObject;
  const profile = profileFor(group, kind);
  if (profile?.normalize) {
    profile.normalize(kind, body, { version });
    body = dropEmpty(body) as JsonObject;
  }
  body = sortSetLists(body, listMatcherFor(group, kind)) as JsonObject;

  const labels = stringMap(meta.labels);
  const annotations = stringMap(meta.annotations);
  delete annotations[LAST_APPLIED_ANNOTATION];
  const identity = profile?.canonicalName ? profile.canonicalName(kind, name, body) : name;
  return {
    apiVersion: object.apiVersion,
    kind,
    group,
    namespace,
    name,
    key: `${group}/${kind}/${namespace}/${identity}`,
    labels,
    annotations,
    body,
    owned: labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE,
    deleting: meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
    managers: managedEntries(meta),
  };
}

function stringMap(value: unknown): JsonObject {
  if (!isObject(value)) return {};
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
  return out;
}

/** Back to an object (for idempotence checks and display). */
export function toKubeObject(normalized: NormalizedObject): KubeObject {
  const metadata: KubeObject["metadata"] = { name: normalized.name };
  if (normalized.namespace) metadata.namespace = normalized.namespace;
  if (Object.keys(normalized.labels).length)
    metadata.labels = normalized.labels as Record<string, string>;
  if (Object.keys(normalized.annotations).length) {
    metadata.annotations = normalized.annotations as Record<string, string>;
  }
  return { apiVersion: normalized.apiVersion, kind: normalized.kind, metadata, ...normalized.body };
}
