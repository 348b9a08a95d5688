import type { JsonObject } from "@fleet-baseline/model";
import { child, setDefault } from "./defaulting.ts";
import { defaultPodTemplate } from "./pod-template.ts";
import type { KindProfile } from "./profile.ts";

/**
 * `apps/v1` workloads (kubernetes `pkg/apis/apps/v1/defaults.go`): replicas, update strategies,
 * `revisionHistoryLimit`, `progressDeadlineSeconds`, StatefulSet `podManagementPolicy` and PVC
 * retention policy, plus the pod template defaults. `volumeClaimTemplates` defaults are not
 * modelled.
 */
export const appsProfile: KindProfile = {
  group: "apps",
  kinds: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
  normalize: (kind, body) => {
    const spec = child(body, "spec");
    if (!spec) return;
    defaultPodTemplate(child(spec, "template"));
    if (kind !== "DaemonSet") setDefault(spec, "replicas", 1);
    if (kind !== "ReplicaSet") setDefault(spec, "revisionHistoryLimit", 10);
    if (kind === "Deployment") {
      setDefault(spec, "progressDeadlineSeconds", 600);
      rollingUpdate(spec, "strategy", { maxUnavailable: "25%", maxSurge: "25%" });
    }
    if (kind === "DaemonSet")
      rollingUpdate(spec, "updateStrategy", { maxUnavailable: 1, maxSurge: 0 });
    if (kind === "StatefulSet") {
      setDefault(spec, "podManagementPolicy", "OrderedReady");
      rollingUpdate(spec, "updateStrategy", { partition: 0 });
      setDefault(spec, "persistentVolumeClaimRetentionPolicy", {});
      const retention = child(spec, "persistentVolumeClaimRetentionPolicy");
      setDefault(retention, "whenDeleted", "Retain");
      setDefault(retention, "whenScaled", "Retain");
    }
  },
};

function rollingUpdate(spec: JsonObject, field: string, defaults: JsonObject): void {
  setDefault(spec, field, {});
  const strategy = child(spec, field);
  setDefault(strategy, "type", "RollingUpdate");
  if (strategy?.type !== "RollingUpdate") return;
  setDefault(strategy, "rollingUpdate", {});
  const rolling = child(strategy, "rollingUpdate");
  for (const [key, value] of Object.entries(defaults)) setDefault(rolling, key, value);
}

/** Labels the Job controller stamps on the pod template and selector. */
const JOB_LABELS = [
  "controller-uid",
  "job-name",
  "batch.kubernetes.io/controller-uid",
  "batch.kubernetes.io/job-name",
];

/**
 * `batch/v1` (kubernetes `pkg/apis/batch/v1/defaults.go`): Job `backoffLimit`, `completions`,
 * `parallelism`, `completionMode`, `suspend`, `podReplacementPolicy`, and the generated selector
 * and template labels (server-owned); CronJob `concurrencyPolicy`, `suspend`, history limits.
 * A Job must state its pod `restartPolicy` (the pod default, Always, is invalid for Jobs).
 */
export const batchProfile: KindProfile = {
  group: "batch",
  kinds: ["Job", "CronJob"],
  normalize: (kind, body) => {
    const spec = child(body, "spec");
    if (!spec) return;
    if (kind === "CronJob") {
      setDefault(spec, "concurrencyPolicy", "Allow");
      setDefault(spec, "suspend", false);
      setDefault(spec, "successfulJobsHistoryLimit", 3);
      setDefault(spec, "failedJobsHistoryLimit", 1);
      const jobSpec = child(child(spec, "jobTemplate"), "spec");
      if (jobSpec) defaultJob(jobSpec);
      return;
    }
    defaultJob(spec);
  },
};

function defaultJob(spec: JsonObject): void {
  setDefault(spec, "backoffLimit", 6);
  setDefault(spec, "completions", 1);
  setDefault(spec, "parallelism", 1);
  setDefault(spec, "completionMode", "NonIndexed");
  setDefault(spec, "suspend", false);
  setDefault(spec, "manualSelector", false);
  const template = child(spec, "template");
  const podSpec = child(template, "spec");
  defaultPodTemplate(
    template,
    typeof podSpec?.restartPolicy === "string" ? podSpec.restartPolicy : "Never",
  );
  if (spec.manualSelector !== true) delete spec.selector;
  const labels = child(child(template, "metadata"), "labels");
  for (const label of JOB_LABELS) if (labels) delete labels[label];
  setDefault(
    spec,
    "podReplacementPolicy",
    child(spec, "podFailurePolicy") ? "Failed" : "TerminatingOrFailed",
  );
}
