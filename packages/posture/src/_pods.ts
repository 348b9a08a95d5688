import type { JsonObject, KubeObject } from "@fleet-baseline/model";
import { labelsOf, obj, objs, str } from "./_util.ts";

/** A pod template found in a rendered object, with the path it sits at. */
export interface Workload {
  object: KubeObject;
  namespace: string;
  /** The pod spec (`spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`). */
  spec: JsonObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  path: string;
}

export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";

export interface ContainerRef {
  container: JsonObject;
  name: string;
  list: ContainerList;
}

const TEMPLATE_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
]);

/** The pod template of a Pod, a controller, or a CronJob; undefined for other kinds. */
export function workloadOf(object: KubeObject): Workload | undefined {
  const namespace = object.metadata.namespace ?? "";
  const spec = obj(object.spec);
  if (object.kind === "Pod" && object.apiVersion === "v1") {
    return {
      object,
      namespace,
      spec,
      labels: labelsOf(object.metadata.labels),
      annotations: labelsOf(object.metadata.annotations),
      path: "spec",
    };
  }
  let template: JsonObject | undefined;
  let path = "";
  if (TEMPLATE_KINDS.has(object.kind) && isWorkloadGroup(object.apiVersion)) {
    template = obj(spec.template);
    path = "spec.template";
  } else if (object.kind === "CronJob" && object.apiVersion.startsWith("batch/")) {
    template = obj(obj(obj(spec.jobTemplate).spec).template);
    path = "spec.jobTemplate.spec.template";
  }
  if (!template) return undefined;
  const meta = obj(template.metadata);
  return {
    object,
    namespace,
    spec: obj(template.spec),
    labels: labelsOf(meta.labels),
    annotations: labelsOf(meta.annotations),
    path: `${path}.spec`,
  };
}

function isWorkloadGroup(apiVersion: string): boolean {
  return (
    apiVersion === "v1" ||
    apiVersion.startsWith("apps/") ||
    apiVersion.startsWith("batch/") ||
    apiVersion.startsWith("extensions/")
  );
}

const LISTS: ContainerList[] = ["initContainers", "containers", "ephemeralContainers"];

/** Every container of a pod spec: init, regular and ephemeral. */
export function containersOf(spec: JsonObject): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of LISTS) {
    for (const container of objs(spec[list])) {
      out.push({ container, name: str(container.name) ?? "", list });
    }
  }
  return out;
}

/** `container "app"`, `init container "setup"`, `ephemeral container "debug"`. */
export function describeContainer(ref: ContainerRef): string {
  const prefix =
    ref.list === "initContainers"
      ? "init "
      : ref.list === "ephemeralContainers"
        ? "ephemeral "
        : "";
  return `${prefix}container "${ref.name}"`;
}

/**
 * The effective value of a securityContext field that exists at both levels: the container's
 * value wins over the pod's, in both directions.
 */
export function effectiveSecurity(spec: JsonObject, ref: ContainerRef, field: string): unknown {
  const own = obj(ref.container.securityContext)[field];
  return own !== undefined && own !== null ? own : obj(spec.securityContext)[field];
}

/** The ServiceAccount a pod runs as: `serviceAccountName`, the deprecated `serviceAccount`, or `default`. */
export function serviceAccountOf(spec: JsonObject): string {
  return str(spec.serviceAccountName) || str(spec.serviceAccount) || "default";
}

/** Calls `fn` for every container of every tenant workload. */
export function forEachTenantContainer(
  workloads: readonly Workload[],
  fn: (w: Workload, ref: ContainerRef) => void,
): void {
  for (const w of workloads) for (const ref of containersOf(w.spec)) fn(w, ref);
}
