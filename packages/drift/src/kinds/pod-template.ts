import type { JsonObject } from "@fleet-baseline/model";
import { child, items, objects, setDefault } from "./defaulting.ts";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];
const MODE_VOLUMES = ["secret", "configMap", "projected", "downwardAPI"];

/**
 * Server defaults of a pod template (kubernetes `pkg/apis/core/v1/defaults.go`): pod spec
 * (`dnsPolicy`, `restartPolicy`, `schedulerName`, `terminationGracePeriodSeconds`,
 * `securityContext`), containers (`terminationMessagePath`/`Policy`, `imagePullPolicy` from the
 * tag, port `protocol`, probe timings and HTTP `scheme`, `fieldRef.apiVersion`) and volume
 * `defaultMode`.
 */
export function defaultPodTemplate(
  template: JsonObject | undefined,
  restartPolicy = "Always",
): void {
  const spec = child(template, "spec");
  if (!spec) return;
  setDefault(spec, "dnsPolicy", "ClusterFirst");
  setDefault(spec, "restartPolicy", restartPolicy);
  setDefault(spec, "schedulerName", "default-scheduler");
  setDefault(spec, "terminationGracePeriodSeconds", 30);
  setDefault(spec, "securityContext", {});
  for (const list of ["containers", "initContainers"]) {
    for (const container of objects(items(spec, list))) defaultContainer(container);
  }
  for (const volume of objects(items(spec, "volumes"))) {
    for (const kind of MODE_VOLUMES) {
      const source = child(volume, kind);
      if (source) setDefault(source, "defaultMode", 420);
    }
  }
}

function defaultContainer(container: JsonObject): void {
  setDefault(container, "terminationMessagePath", "/dev/termination-log");
  setDefault(container, "terminationMessagePolicy", "File");
  if (typeof container.image === "string") {
    setDefault(container, "imagePullPolicy", pullPolicy(container.image));
  }
  for (const port of objects(items(container, "ports"))) setDefault(port, "protocol", "TCP");
  for (const name of PROBES) {
    const probe = child(container, name);
    if (!probe) continue;
    setDefault(probe, "timeoutSeconds", 1);
    setDefault(probe, "periodSeconds", 10);
    setDefault(probe, "successThreshold", 1);
    setDefault(probe, "failureThreshold", 3);
    const httpGet = child(probe, "httpGet");
    if (httpGet) setDefault(httpGet, "scheme", "HTTP");
  }
  for (const env of objects(items(container, "env"))) {
    const fieldRef = child(child(env, "valueFrom"), "fieldRef");
    if (fieldRef) setDefault(fieldRef, "apiVersion", "v1");
  }
}

/** `Always` for `:latest` or no tag (and no digest), else `IfNotPresent`. */
function pullPolicy(image: string): string {
  if (image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  const tag = colon < 0 ? "" : lastSegment.slice(colon + 1);
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}
