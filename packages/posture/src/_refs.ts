import type { ObjectRef } from "./types.ts";

/** The apiVersion/kind of findings about the cluster as a whole (e.g. a missing guardrail). */
export const CLUSTER_REF_API_VERSION = "fleet-baseline.io/v1alpha1";
export const CLUSTER_REF_KIND = "Cluster";

/** A ref for findings about the whole cluster. */
export function clusterRef(name: string): ObjectRef {
  return { apiVersion: CLUSTER_REF_API_VERSION, kind: CLUSTER_REF_KIND, namespace: "", name };
}

/** A ref for an object that should exist but is not rendered. */
export function missingRef(
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
): ObjectRef {
  return { apiVersion, kind, namespace, name };
}
