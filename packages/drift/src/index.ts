/**
 * @packageDocumentation
 * Drift between the rendered desired state and a live cluster, with no false positives from what
 * the API server adds (defaults, system metadata, status) and no misses of fields added by hand.
 * The core is pure: {@link diffObjects} compares objects; {@link readLiveObjects} reads through a
 * {@link ClusterReader} port whose client-node adapter lives in `@fleet-baseline/drift/node`.
 */

export { kubeContextOf } from "./cluster-config.ts";
export { diffObjects, HIDDEN } from "./diff.ts";
export { DEFAULT_TRUSTED_MANAGERS } from "./field-owners.ts";
export type { DriftJson } from "./format.ts";
export { formatMarkdown, formatText, toDriftJson } from "./format.ts";
export type { KindProfile } from "./kinds/profile.ts";
export type { NormalizedObject } from "./normalize.ts";
export { LAST_APPLIED_ANNOTATION, normalizeObject, toKubeObject } from "./normalize.ts";
export { escapeToken, parsePointer, toPointer } from "./paths.ts";
export { isClusterScoped, PROFILES } from "./profiles.ts";
export { canonicalQuantity, milliValue } from "./quantity.ts";
export type { ClusterReader, LiveState, ReadLiveOptions, ServedResource } from "./reader.ts";
export { DEFAULT_WATCH_KINDS, mapLimit, OWNED_SELECTOR, readLiveObjects } from "./reader.ts";
export { listItems, parseLiveSnapshot } from "./snapshot.ts";
export type {
  ChangeReason,
  ChangeType,
  DiffOptions,
  DriftChange,
  DriftNote,
  DriftReport,
  DriftSummary,
  UnservedKind,
} from "./types.ts";
export { weakenedControls } from "./weakens.ts";
export { assertUnambiguousYaml } from "./yaml-ambiguity.ts";
