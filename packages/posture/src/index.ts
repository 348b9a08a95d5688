/**
 * @packageDocumentation
 * Zero Trust posture checks over rendered manifests: one rule per control of the catalog
 * (`ZT-NET-001` …), judged on the whole rendered cluster, stage-aware, with owned and expiring
 * exceptions, plus the adoption measures ZT-M-001…005. Pure: objects, fleet parameters and the
 * evaluation time are parameters. Formatters for JSON, SARIF, text and markdown are pure too.
 */

export { CLUSTER_REF_API_VERSION, CLUSTER_REF_KIND } from "./_refs.ts";
export { checkPosture } from "./check.ts";
export type { ExceptionMeta, ExceptionProblem } from "./exceptions.ts";
export { exceptionProblems, readException, waives } from "./exceptions.ts";
export type { SarifLog } from "./format/sarif.ts";
export { renderSarif } from "./format/sarif.ts";
export type { ClusterReport, MarkdownOptions } from "./format/text.ts";
export { compareFindings, renderJson, renderMarkdown, renderText } from "./format/text.ts";
export { rules } from "./registry.ts";
export { defineRule } from "./rule.ts";
export type {
  ClusterMeasures,
  NamespaceMeasures,
  ObjectRef,
  OpenException,
  PostureFinding,
  PostureInput,
  PostureOptions,
  PostureReport,
  Ratio,
  RbacScore,
  ReportOptions,
  Rule,
  RuleContext,
  StagePolicy,
} from "./types.ts";
