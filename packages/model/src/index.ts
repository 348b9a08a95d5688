/**
 * @packageDocumentation
 * The shared vocabulary of fleet-baseline: Kubernetes objects and their keys, findings, the fleet
 * configuration, the product's names and the one error type.
 */

export type {
  AdmissionEngine,
  ClusterConfig,
  Cni,
  Mesh,
  NamespaceConfig,
  RepositoryTarget,
  RolloutException,
} from "./cluster-config.ts";
export { CLUSTER_SCHEMA, parseClusterConfig } from "./cluster-config.ts";
export type { FleetErrorCode, FleetErrorOptions } from "./errors.ts";
export { FleetError, isFleetError } from "./errors.ts";
export type { Finding, Severity, SourceRef } from "./finding.ts";
export type { FleetConfig } from "./fleet-config.ts";
export { DEFAULT_FLEET_CONFIG, FLEET_SCHEMA, parseFleetConfig } from "./fleet-config.ts";
export type { Manifest } from "./manifests.ts";
export { parseManifests, stringifyManifest } from "./manifests.ts";
export type { Stage } from "./names.ts";
export {
  ANNOTATION_DOMAIN,
  ANNOTATIONS,
  isStage,
  LABELS,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  STAGES,
} from "./names.ts";
export type { JsonObject, JsonValue, KubeObject, ObjectKey, ObjectMeta } from "./object.ts";
export {
  compareKeys,
  compareStrings,
  describeObject,
  groupOf,
  isJsonObject,
  isKubeObject,
  keyOf,
  keyString,
} from "./object.ts";
export type { RenderIndex, RenderIndexEntry } from "./render-index.ts";
export { RENDER_INDEX_FILE } from "./render-index.ts";
export type { JsonSchema } from "./validate.ts";
export { parseYamlWithSchema } from "./validate.ts";
