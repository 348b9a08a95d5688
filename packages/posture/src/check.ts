import {
  compareStrings,
  describeObject,
  type KubeObject,
  type Manifest,
  type Severity,
  type Stage,
} from "@fleet-baseline/model";
import { ClusterView, type Entry } from "./_cluster.ts";
import { labelsOf } from "./_util.ts";
import { waives } from "./exceptions.ts";
import { computeMeasures } from "./measures.ts";
import { rules as registry } from "./registry.ts";
import type {
  ObjectRef,
  PostureFinding,
  PostureInput,
  PostureOptions,
  PostureReport,
  ReportOptions,
  Rule,
  RuleContext,
} from "./types.ts";

/**
 * Judges one rendered cluster against the control catalog. Pure: the objects, the fleet
 * parameters and the evaluation time are all parameters.
 */
export function checkPosture(objects: PostureInput, options: PostureOptions): PostureReport {
  const cluster = new ClusterView(toEntries(objects), options.config, options.cluster ?? "");
  const selected = options.controls
    ? options.controls.map((id) => {
        const rule = registry[id];
        if (!rule) throw new RangeError(`unknown control "${id}"`);
        return rule;
      })
    : Object.values(registry);
  const findings: PostureFinding[] = [];
  const seen = new Set<string>();
  for (const rule of selected) {
    rule.check(
      createContext(rule, cluster, options, (f) => {
        const key = `${f.control}\0${f.kind}\0${f.namespace}\0${f.name}\0${f.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(f);
      }),
    );
  }
  findings.sort(compareFindings);
  return { findings, measures: computeMeasures(cluster, findings, options) };
}

function toEntries(objects: PostureInput): Entry[] {
  return (objects as (Manifest | KubeObject)[]).map((item) =>
    "object" in item && "source" in item && typeof item.source === "object"
      ? { object: (item as Manifest).object, source: (item as Manifest).source }
      : { object: item as KubeObject, source: null },
  );
}

function createContext(
  rule: Rule,
  cluster: ClusterView,
  options: PostureOptions,
  emit: (finding: PostureFinding) => void,
): RuleContext {
  return {
    config: options.config,
    now: options.now,
    cluster,
    report(target, message, opts: ReportOptions = {}) {
      const isObject = "metadata" in target;
      const ref: ObjectRef = isObject
        ? {
            apiVersion: target.apiVersion,
            kind: target.kind,
            namespace: target.metadata.namespace ?? "",
            name: target.metadata.name ?? "",
          }
        : target;
      const namespace =
        opts.namespace ??
        (ref.kind === "Namespace" && ref.apiVersion === "v1" ? ref.name : ref.namespace);
      const stage: Stage =
        opts.namespace !== undefined || !isObject
          ? namespace
            ? cluster.stageOfNamespace(namespace)
            : "enforce"
          : cluster.stageOf(target);
      const severity = applyStage(rule, opts.severity ?? rule.severity, stage);
      const excepted =
        opts.exceptable !== false &&
        ((isObject && waives(labelsOf(target.metadata.annotations), rule.id, options.now)) ||
          (namespace !== "" &&
            waives(cluster.namespaceAnnotations(namespace), rule.id, options.now)));
      emit({
        control: rule.id,
        severity,
        status: excepted ? "excepted" : "fail",
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        namespace: ref.namespace,
        name: ref.name,
        message: `${describeObject({ kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } })}: ${message}`,
        source: isObject ? cluster.sourceOf(target) : null,
      });
    },
  };
}

function applyStage(rule: Rule, severity: Severity, stage: Stage): Severity {
  if (rule.stage !== "downgrade" || stage === "enforce") return severity;
  if (stage === "observe") return "info";
  return severity === "error" ? "warning" : severity;
}

function compareFindings(a: PostureFinding, b: PostureFinding): number {
  return (
    compareStrings(a.control, b.control) ||
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.message, b.message)
  );
}
