import {
  ANNOTATIONS,
  type FleetConfig,
  groupOf,
  isStage,
  type KubeObject,
  type SourceRef,
  STAGES,
  type Stage,
} from "@fleet-baseline/model";
import { type Workload, workloadOf } from "./_pods.ts";
import { labelsOf } from "./_util.ts";

/** The implicit label the API server puts on every Namespace. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Kinds that are cluster-scoped. Anything else with an empty namespace in a known namespaced group
 * is "unbound" (ZT-PSS-015).
 */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "StorageClass",
  "PriorityClass",
  "IngressClass",
  "RuntimeClass",
  "APIService",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "ClusterPolicy",
  "ClusterCleanupPolicy",
  "ValidatingPolicy",
  "ImageValidatingPolicy",
  "MutatingPolicy",
  "GeneratingPolicy",
  "DeletingPolicy",
  "ClusterPolicyReport",
  "ConstraintTemplate",
  "ExpansionTemplate",
  "Assign",
  "AssignMetadata",
  "ModifySet",
  "AssignImage",
  "Config",
  "ClusterIssuer",
  "GlobalNetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "GlobalNetworkSet",
  "Tier",
  "CiliumClusterwideNetworkPolicy",
  "ClusterSPIFFEID",
  "ClusterFederatedTrustDomain",
  "ClusterStaticEntry",
  "GatewayClass",
  "CertificateSigningRequest",
]);

export function isClusterScoped(object: KubeObject): boolean {
  return (
    CLUSTER_SCOPED.has(object.kind) || groupOf(object.apiVersion) === "constraints.gatekeeper.sh"
  );
}

export interface Entry {
  object: KubeObject;
  source: SourceRef | null;
}

/**
 * An index over one rendered cluster: what every rule needs to judge the cluster as a whole
 * (Namespaces and their implicit labels, pod templates, objects by kind).
 */
export class ClusterView {
  readonly name: string;
  readonly entries: readonly Entry[];
  readonly workloads: readonly Workload[];
  private readonly config: FleetConfig;
  private readonly byKind = new Map<string, KubeObject[]>();
  private readonly sources = new Map<KubeObject, SourceRef | null>();
  private readonly namespaceObjects = new Map<string, KubeObject>();
  private readonly system: Set<string>;
  private readonly allNamespaces: string[];
  private readonly cache = new Map<string, unknown>();
  /** Every object, in input order. */
  readonly objects: readonly KubeObject[];

  constructor(entries: Entry[], config: FleetConfig, name: string) {
    this.name = name;
    this.config = config;
    this.entries = entries;
    this.system = new Set(config.systemNamespaces);
    const workloads: Workload[] = [];
    const seen = new Set<string>();
    for (const { object, source } of entries) {
      this.sources.set(object, source);
      const list = this.byKind.get(object.kind);
      if (list) list.push(object);
      else this.byKind.set(object.kind, [object]);
      if (object.kind === "Namespace" && object.apiVersion === "v1" && object.metadata.name) {
        this.namespaceObjects.set(object.metadata.name, object);
        seen.add(object.metadata.name);
      } else if (object.metadata.namespace) {
        seen.add(object.metadata.namespace);
      }
      const w = workloadOf(object);
      if (w) workloads.push(w);
    }
    this.workloads = workloads;
    this.allNamespaces = [...seen].sort();
    this.objects = entries.map((e) => e.object);
  }

  /** Computes a derived value once per cluster (the view is immutable). */
  memo<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  /** Objects of one kind, optionally restricted to an API group (`""` for core). */
  ofKind(kind: string, group?: string): KubeObject[] {
    const all = this.byKind.get(kind) ?? [];
    if (group === undefined) return all;
    return this.memo(`kind:${kind}:${group}`, () =>
      all.filter((o) => groupOf(o.apiVersion) === group),
    );
  }

  sourceOf(object: KubeObject): SourceRef | null {
    return this.sources.get(object) ?? null;
  }

  /** Namespaces that are rendered or that rendered objects live in, sorted. */
  namespaces(): string[] {
    return this.allNamespaces;
  }

  /** The rendered, non-system namespaces: the ones tenant-only controls judge. */
  tenantNamespaces(): string[] {
    return this.memo("tenantNamespaces", () =>
      this.allNamespaces.filter((n) => !this.system.has(n)),
    );
  }

  isSystem(namespace: string): boolean {
    return this.system.has(namespace);
  }

  namespaceObject(namespace: string): KubeObject | undefined {
    return this.namespaceObjects.get(namespace);
  }

  /**
   * Namespaces a selector can see: the rendered ones, the system ones and `default`, which exist
   * in every cluster.
   */
  knownNamespaces(): string[] {
    return this.memo("knownNamespaces", () =>
      [...new Set([...this.allNamespaces, ...this.system, "default"])].sort(),
    );
  }

  /** A Namespace's labels plus the implicit `kubernetes.io/metadata.name`. */
  namespaceLabels(namespace: string): Record<string, string> {
    return this.memo(`nsLabels:${namespace}`, () => {
      const ns = this.namespaceObjects.get(namespace);
      return { ...labelsOf(ns?.metadata.labels), [NAMESPACE_NAME_LABEL]: namespace };
    });
  }

  namespaceAnnotations(namespace: string): Record<string, string> {
    return labelsOf(this.namespaceObjects.get(namespace)?.metadata.annotations);
  }

  /** The stage of a namespace: its annotation, absent (or invalid) = enforce. */
  stageOfNamespace(namespace: string): Stage {
    const v = this.namespaceAnnotations(namespace)[ANNOTATIONS.rolloutStage];
    return isStage(v) ? v : "enforce";
  }

  /**
   * The stage of the cluster as a whole, for cluster-level findings: the furthest stage of its
   * tenant namespaces (observe < audit < enforce); enforce when it has none.
   */
  clusterStage(): Stage {
    const stages = this.tenantNamespaces().map((n) => STAGES.indexOf(this.stageOfNamespace(n)));
    return stages.length ? (STAGES[Math.max(...stages)] ?? "enforce") : "enforce";
  }

  /** The stage of an object: its own annotation (admission policies carry one), else its namespace's. */
  stageOf(object: KubeObject): Stage {
    const own = object.metadata.annotations?.[ANNOTATIONS.rolloutStage];
    if (isStage(own)) return own;
    if (object.kind === "Namespace") return "enforce";
    return this.stageOfNamespace(object.metadata.namespace ?? "");
  }

  workloadsIn(namespace: string): Workload[] {
    return this.memo(`workloadsIn:${namespace}`, () =>
      this.workloads.filter((w) => w.namespace === namespace),
    );
  }

  /** Tenant workloads: pod templates outside the system namespaces. */
  tenantWorkloads(): Workload[] {
    return this.memo("tenantWorkloads", () =>
      this.workloads.filter((w) => !this.system.has(w.namespace)),
    );
  }

  get fleet(): FleetConfig {
    return this.config;
  }
}
