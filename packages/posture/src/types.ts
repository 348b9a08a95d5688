import type {
  Finding,
  FleetConfig,
  KubeObject,
  Manifest,
  Severity,
  SourceRef,
  Stage,
} from "@fleet-baseline/model";
import type { ClusterView } from "./_cluster.ts";

/** A finding of the posture checker: the model's `Finding` with its source always a key. */
export interface PostureFinding extends Omit<Finding, "source"> {
  source: SourceRef | null;
}

/** What a finding is about when no rendered object carries it (e.g. a missing guardrail). */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface ReportOptions {
  /** Severity before the stage is applied; defaults to the rule's. */
  severity?: Severity;
  /** False when no exception may waive this finding (e.g. PSS-001 `privileged`). */
  exceptable?: boolean;
  /** Namespace whose stage and exception annotations apply (defaults to the object's). */
  namespace?: string;
}

/** What a rule sees: the whole rendered cluster, the fleet parameters, and a way to report. */
export interface RuleContext {
  readonly config: FleetConfig;
  readonly now: Date;
  readonly cluster: ClusterView;
  report(target: KubeObject | ObjectRef, message: string, options?: ReportOptions): void;
}

/** How the rollout stage of the finding's namespace (or object) changes a rule's findings. */
export type StagePolicy =
  /** observe → severity info, audit → warning, enforce → the rule's severity. */
  | "downgrade"
  /** The stage changes nothing (cluster-wide or hygiene controls). */
  | "none"
  /** The rule reads the stage itself; `stageNote` says how. */
  | "custom";

/** One catalog control as code. */
export interface Rule {
  /** The catalog id, e.g. `ZT-NET-001`. */
  id: string;
  title: string;
  severity: Severity;
  /** The generic fix, shown as SARIF help and in text output. */
  fix: string;
  stage: StagePolicy;
  /** What the rollout stage changes for this rule, in one sentence. */
  stageNote: string;
  check(ctx: RuleContext): void;
}

export interface PostureOptions {
  config: FleetConfig;
  /** Evaluation time: exception expiry is compared with it. No clock in the core. */
  now: Date;
  /** Cluster name, used for cluster-level findings and measures. */
  cluster?: string;
  /** Only these control ids (default: every rule of the registry). */
  controls?: string[];
}

export interface Ratio {
  passing: number;
  total: number;
  /** passing / total, or 1 when total is 0. Rounded to 4 decimals. */
  ratio: number;
}

export interface NamespaceMeasures {
  stage: Stage;
  /** ZT-M-001: the namespace passes both ZT-NET-001 and ZT-NET-002. */
  defaultDeny: boolean;
  /** ZT-M-002: workloads meshed with effective STRICT on all ports / workloads. */
  mtls: Ratio;
  /** ZT-M-003 over the grants of bindings in this namespace. */
  rbac: RbacScore;
  /** ZT-M-004: open (non-excepted) findings in this namespace. */
  violations: number;
}

export interface RbacScore {
  riskyWeight: number;
  totalWeight: number;
  /** 1 − riskyWeight / totalWeight (1 when there are no grants). */
  score: number;
}

export interface OpenException {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  controls: string[];
  owner: string;
  ticket: string;
  expires: string;
  daysToExpiry: number;
}

export interface ClusterMeasures {
  cluster: string;
  /** ZT-M-001 */
  defaultDenyCoverage: Ratio;
  /** ZT-M-002 */
  mtlsCoverage: Ratio;
  /** ZT-M-003 */
  rbacScore: RbacScore;
  /** ZT-M-004: open findings per control, split by stage. */
  violations: { total: number; byControl: Record<string, Record<Stage, number>> };
  /** ZT-M-005: controls tagged on admission policies that an enforce-stage policy enforces. */
  enforcement: Ratio & { controls: string[]; enforcing: string[]; exceptions: OpenException[] };
  namespaces: Record<string, NamespaceMeasures>;
}

export interface PostureReport {
  findings: PostureFinding[];
  measures: ClusterMeasures;
}

export type PostureInput = Manifest[] | KubeObject[];
