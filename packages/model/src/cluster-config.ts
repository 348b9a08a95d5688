import schema from "../schemas/cluster.schema.json" with { type: "json" };
import { FleetError } from "./errors.ts";
import type { Stage } from "./names.ts";
import { parseYamlWithSchema } from "./validate.ts";

export type Mesh = "istio" | "linkerd" | "none";
export type Cni = "calico" | "cilium" | "none";
export type AdmissionEngine = "kyverno" | "gatekeeper" | "none";

export interface NamespaceConfig {
  name: string;
  /** Effective stage: the namespace's own, else the cluster's. */
  stage: Stage;
  owner: string | undefined;
  overlays: string[];
  /** Who owns this namespace's stage when it is weaker than enforce; else the cluster's. */
  rollout: RolloutException | undefined;
}

/**
 * A stage weaker than `enforce` is an exception with an owner, a ticket and an expiry
 * (`spec.rollout` / `spec.namespaces[].rollout`). The renderer turns it into exception annotations.
 */
export interface RolloutException {
  owner: string;
  ticket: string;
  /** ISO date or date-time, as written. */
  expires: string;
}

/** Where the bot proposes this cluster's rendered manifests. */
export interface RepositoryTarget {
  owner: string;
  name: string;
  branch: string;
  /** Folder inside the repository, without leading or trailing slash; "" for the root. */
  path: string;
}

/** One cluster: `clusters/<name>/cluster.yaml`, with defaults applied. */
export interface ClusterConfig {
  name: string;
  labels: Record<string, string>;
  stage: Stage;
  mesh: Mesh;
  cni: Cni;
  admission: AdmissionEngine;
  excludeBaselines: string[];
  kubeContext: string;
  namespaces: NamespaceConfig[];
  repository: RepositoryTarget | undefined;
  /** Owner of a cluster stage weaker than enforce (`spec.rollout`). */
  rollout: RolloutException | undefined;
  /** The file it was read from. */
  file: string;
}

export const CLUSTER_SCHEMA: Record<string, unknown> = schema;

interface RawCluster {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: {
    stage?: Stage;
    mesh?: Mesh;
    cni?: Cni;
    admission?: AdmissionEngine;
    baselines?: { exclude?: string[] };
    kube?: { context?: string };
    namespaces?: {
      name: string;
      stage?: Stage;
      owner?: string;
      overlays?: string[];
      rollout?: RolloutException;
    }[];
    rollout?: RolloutException;
    repository?: { owner: string; name: string; branch?: string; path?: string };
  };
}

/**
 * Parses and validates a cluster.yaml. A file with only a name and labels gets the whole default
 * baseline: stage enforce, Istio, Calico, Kyverno.
 */
export function parseClusterConfig(text: string, file: string): ClusterConfig {
  const raw = parseYamlWithSchema(text, file, CLUSTER_SCHEMA) as RawCluster;
  const spec = raw.spec ?? {};
  const stage = spec.stage ?? "enforce";
  const seen = new Set<string>();
  const namespaces = (spec.namespaces ?? []).map((ns, i) => {
    if (seen.has(ns.name)) {
      throw new FleetError("BAD_CONFIG", `namespace "${ns.name}" is listed twice`, {
        file,
        field: `spec.namespaces.${i}.name`,
        hint: "merge the two entries into one",
      });
    }
    seen.add(ns.name);
    return {
      name: ns.name,
      stage: ns.stage ?? stage,
      owner: ns.owner,
      overlays: ns.overlays ?? [],
      rollout: ns.rollout ?? spec.rollout,
    };
  });
  const repo = spec.repository;
  return {
    name: raw.metadata.name,
    labels: raw.metadata.labels ?? {},
    stage,
    mesh: spec.mesh ?? "istio",
    cni: spec.cni ?? "calico",
    admission: spec.admission ?? "kyverno",
    excludeBaselines: spec.baselines?.exclude ?? [],
    kubeContext: spec.kube?.context ?? raw.metadata.name,
    namespaces,
    repository: repo
      ? {
          owner: repo.owner,
          name: repo.name,
          branch: repo.branch ?? "main",
          path: (repo.path ?? "").replace(/^\/+|\/+$/g, ""),
        }
      : undefined,
    rollout: spec.rollout,
    file,
  };
}
