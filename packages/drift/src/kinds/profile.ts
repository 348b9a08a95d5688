import type { JsonObject } from "@fleet-baseline/model";

export interface KindContext {
  /** The version part of apiVersion (`v1beta3`): some defaults depend on it. */
  version: string;
}

/**
 * What a kind's API server adds, as data: defaults (added to both sides) and server-owned paths
 * (removed from both sides), and which lists are sets. One profile per API group.
 */
export interface KindProfile {
  group: string;
  /** Kinds this profile covers; `"*"` for every kind of the group (Gatekeeper constraints). */
  kinds: readonly string[] | "*";
  /** Cluster-scoped kinds of the group (used offline; discovery wins when online). */
  clusterScoped?: readonly string[] | "*";
  /** Adds server defaults and drops server-owned fields; mutates the body (a private copy). */
  normalize?: (kind: string, body: JsonObject, context: KindContext) => void;
  /** Set-like list patterns per kind (see `compileListPatterns`). */
  setLists?: Readonly<Record<string, readonly string[]>>;
  /** Identity name: Calico's default tier answers to `default.<name>` and `<name>`. */
  canonicalName?: (kind: string, name: string, body: JsonObject) => string;
}
