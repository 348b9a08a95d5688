import {
  ANNOTATIONS,
  type ClusterConfig,
  FleetError,
  isJsonObject,
  type JsonValue,
  type KubeObject,
  keyOf,
  keyString,
  LABELS,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  type NamespaceConfig,
  parseManifests,
  type RolloutException,
  type SourceRef,
  type Stage,
} from "@fleet-baseline/model";
import type { FileSystem } from "kustomize-ts";
import { LineCounter, parse, parseDocument, stringify } from "yaml";
import { checkExceptionAnnotations, checkRollout } from "./exceptions.ts";
import { type ClusterSource, type FleetRepo, joinPath, readText } from "./repo.ts";
import { fleetVars, STAGE_MODES, scopeVars, stageVars, substitute, type Vars } from "./vars.ts";

/** Kinds that are cluster-scoped: kustomize's `namespace:` must never see them. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PriorityClass",
  "StorageClass",
  "PersistentVolume",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingPolicy",
  "ImageValidatingPolicy",
  "MutatingPolicy",
  "GeneratingPolicy",
  "DeletingPolicy",
  "ClusterPolicy",
  "ConstraintTemplate",
  "ExpansionTemplate",
  "Assign",
  "ClusterImagePolicy",
  "GlobalNetworkPolicy",
  "StagedGlobalNetworkPolicy",
  "GlobalNetworkSet",
  "Tier",
  "CiliumClusterwideNetworkPolicy",
  "ClusterIssuer",
  "ClusterSPIFFEID",
  "ClusterFederatedTrustDomain",
  "ClusterStaticEntry",
]);

/** Gatekeeper constraint kinds live in their own API group and are all cluster-scoped. */
function isClusterScoped(object: KubeObject): boolean {
  return (
    CLUSTER_SCOPED_KINDS.has(object.kind) ||
    object.apiVersion.startsWith("constraints.gatekeeper.sh/")
  );
}

/** A plain kustomize tree for one cluster plus where each of its objects came from. */
export interface ClusterTree {
  cluster: ClusterConfig;
  /** File contents by path relative to the tree root. `kustomization.yaml` is the entry point. */
  files: Record<string, string>;
  /** Source of every object the tree is expected to produce, by `keyString`. */
  sources: Map<string, SourceRef>;
  /** Source to fall back on for objects whose name kustomize changes (generators), per namespace. */
  fallbackSources: Map<string, SourceRef>;
  /** The root's sub-kustomizations, in the root's resource order. */
  subtrees: Subtree[];
  /** Tree folder → repository folder, to translate kustomize's error paths. */
  origins: Map<string, string>;
}

export interface AssembleOptions {
  now: Date;
  /**
   * Memo of parsed and serialized YAML, shared by the clusters of one fleet render (most
   * namespaces render the same template texts). Create one with `createAssembleCache()`.
   */
  cache?: AssembleCache;
}

/** Parsed templates and emitted YAML by content; valid for any repository (keys are texts). */
export interface AssembleCache {
  manifests: Map<string, SourcedObject[]>;
  yaml: Map<string, string>;
  plain: Map<string, unknown>;
  documents: Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>;
  namespaces: Map<string, NamespacePart>;
  clusters: Map<string, ClusterPart>;
  flags: Map<string, boolean>;
}

export function createAssembleCache(): AssembleCache {
  return {
    manifests: new Map(),
    yaml: new Map(),
    plain: new Map(),
    documents: new Map(),
    namespaces: new Map(),
    clusters: new Map(),
    flags: new Map(),
  };
}

// The cache of the assembleCluster call in progress (assembly is synchronous).
let memo: AssembleCache = createAssembleCache();

function cachedManifests(text: string, file: string): SourcedObject[] {
  const key = `${file}\0${text}`;
  let hit = memo.manifests.get(key);
  if (!hit) {
    hit = parseManifests(text, file).map(({ object, source }) => ({ object, source }));
    memo.manifests.set(key, hit);
  }
  return structuredClone(hit);
}

function cachedParse(text: string): unknown {
  if (!memo.plain.has(text)) memo.plain.set(text, parse(text));
  return structuredClone(memo.plain.get(text));
}

const KUSTOMIZATION_HEAD = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
const TEMPLATE_SUBDIRS = ["cluster", "policies", "namespace"] as const;

/** Which baseline folders a cluster gets: `mesh-*`, `admission-*` and `cni-*` by its choice. */
export function activeBaselines(
  repo: FleetRepo,
  cluster: ClusterConfig,
  file: string,
  text: string,
): string[] {
  for (const [i, name] of cluster.excludeBaselines.entries()) {
    if (!repo.baselines.includes(name)) {
      throw new FleetError("NOT_FOUND", `unknown baseline "${name}"`, {
        file,
        line: lineOf(text, ["spec", "baselines", "exclude", i]),
        field: `spec.baselines.exclude.${i}`,
        hint: `baselines are the folders of baselines/: ${repo.baselines.join(", ")}`,
      });
    }
  }
  const choice: Record<string, string> = {
    mesh: cluster.mesh,
    admission: cluster.admission,
    cni: cluster.cni,
  };
  return repo.baselines.filter((name) => {
    if (cluster.excludeBaselines.includes(name)) return false;
    const dash = name.indexOf("-");
    const family = dash > 0 ? name.slice(0, dash) : "";
    const chosen = choice[family];
    return chosen === undefined || name === `${family}-${chosen}`;
  });
}

/**
 * Composes one cluster's kustomize tree from baselines/, overlays/ and its cluster.yaml.
 * Templates get their variables substituted and are written as plain YAML; overlays are copied
 * as kustomizations. Pure over the file-system port.
 */
export function assembleCluster(
  fs: FileSystem,
  repo: FleetRepo,
  source: ClusterSource,
  options: AssembleOptions,
): ClusterTree {
  memo = options.cache ?? createAssembleCache();
  const { config: cluster, file: clusterFile, text: clusterText } = source;
  const files: Record<string, string> = {};
  const sources = new Map<string, SourceRef>();
  const seenAt = new Map<string, SourceRef>();
  const fallbackSources = new Map<string, SourceRef>();
  const origins = new Map<string, string>();
  const baselines = activeBaselines(repo, cluster, clusterFile, clusterText);
  const base = fleetVars(repo.fleet, cluster);
  const system = new Set(repo.fleet.systemNamespaces);

  checkRollout(cluster.rollout, options.now, clusterFile, lineOf(clusterText, ["spec", "rollout"]));
  for (const [i, ns] of cluster.namespaces.entries()) {
    const line = lineOf(clusterText, ["spec", "namespaces", i]);
    if (system.has(ns.name) || ns.name === "default") {
      throw new FleetError("BAD_CONFIG", `"${ns.name}" is not a tenant namespace`, {
        file: clusterFile,
        line,
        field: `spec.namespaces.${i}.name`,
        hint:
          ns.name === "default"
            ? "tenant objects never go to default (ZT-PSS-015); give the workload its own namespace"
            : "system namespaces (fleet.yaml spec.systemNamespaces) are run by the platform, not by overlays",
      });
    }
    checkRollout(
      ns.rollout,
      options.now,
      clusterFile,
      lineOf(clusterText, ["spec", "namespaces", i, "rollout"]) ?? line,
    );
    for (const [j, overlay] of ns.overlays.entries()) {
      if (!repo.overlays.includes(overlay)) {
        throw new FleetError("NOT_FOUND", `unknown overlay "${overlay}"`, {
          file: clusterFile,
          line: lineOf(clusterText, ["spec", "namespaces", i, "overlays", j]),
          field: `spec.namespaces.${i}.overlays.${j}`,
          hint: repo.overlays.length
            ? `overlays are the folders of overlays/: ${repo.overlays.join(", ")}`
            : "create overlays/<name>/kustomization.yaml first",
        });
      }
    }
  }

  const record = (object: KubeObject, namespace: string, src: SourceRef): void => {
    const key = keyString({ ...keyOf(object), namespace });
    const earlier = seenAt.get(key);
    if (earlier) {
      throw new FleetError(
        "DUPLICATE_OBJECT",
        `${object.kind} "${object.metadata.name}"${namespace ? ` (${namespace})` : ""} is defined twice in cluster "${cluster.name}": also at ${earlier.file}${earlier.line ? `:${earlier.line}` : ""}`,
        {
          file: src.file,
          line: src.line,
          field: "metadata.name",
          hint: "rename one of them, or drop the overlay object if the baseline already provides it",
        },
      );
    }
    seenAt.set(key, src);
    sources.set(key, src);
  };

  // Cluster-level templates: `cluster/` once at the cluster's stage; `policies/` once per stage
  // present among the tenant namespaces, each copy scoped to its namespaces.
  const groups = stageGroups(cluster);
  // The cluster-level part depends on these only (cluster.name when a template uses it).
  const clusterKey = JSON.stringify([
    cluster.stage,
    cluster.rollout,
    groups,
    baselines,
    options.now.getTime(),
    usesClusterName(fs, repo, baselines) ? cluster.name : "",
  ]);
  let clusterPart = memo.clusters.get(clusterKey);
  if (!clusterPart) {
    clusterPart = assembleClusterLevel(fs, repo, cluster, groups, baselines, base);
    memo.clusters.set(clusterKey, clusterPart);
  }
  for (const r of clusterPart.records) {
    record(
      r.object,
      isClusterScoped(r.object) ? "" : (r.object.metadata.namespace ?? ""),
      r.source,
    );
  }
  for (const [path, content] of clusterPart.files) files[path] = content;

  // Tenant namespaces: the generated Namespace, the namespace templates at the namespace's stage,
  // then its overlays (and their per-concern parts for the concerns this cluster runs).
  const namespaceDirs: string[] = [];
  const subtrees: Subtree[] = [];
  const clusterFiles: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) {
    if (path.startsWith("cluster/")) clusterFiles[path.slice("cluster/".length)] = content;
  }
  subtrees.push(subtreeOf("cluster", clusterFiles));
  const nsVars: Vars = { ...base };
  delete nsVars["cluster.name"];
  for (const [i, ns] of cluster.namespaces.entries()) {
    const nsDir = `namespaces/${ns.name}`;
    const nsLine = lineOf(clusterText, ["spec", "namespaces", i]);
    const nsSource: SourceRef = nsLine
      ? { file: clusterFile, line: nsLine }
      : { file: clusterFile };
    const owner = ownerOf(ns, cluster);
    // A namespace's part of the tree depends only on these: fleets repeat it across clusters.
    const memoKey = JSON.stringify([ns, owner, baselines, options.now.getTime()]);
    let part = memo.namespaces.get(memoKey);
    if (!part) {
      part = assembleNamespace(
        fs,
        repo,
        ns,
        owner,
        baselines,
        { ...nsVars },
        nsSource,
        options.now,
      );
      memo.namespaces.set(memoKey, part);
    }
    for (const r of part.records) record(r.object, ns.name, r.source);
    record(part.namespaceObject, "", nsSource);
    for (const [rel, content] of part.files) files[`${nsDir}/${rel}`] = content;
    for (const [rel, origin] of part.origins) origins.set(`${nsDir}/${rel}`, origin);
    fallbackSources.set(ns.name, nsSource);
    for (const [rel, src] of part.fallbacks) fallbackSources.set(`${ns.name}/${rel}`, src);
    namespaceDirs.push(nsDir);
    subtrees.push(part.subtree);
  }

  files["kustomization.yaml"] =
    `# Generated by fleet-baseline render for cluster ${cluster.name}; build with: kubectl kustomize .\n` +
    kustomization({
      labels: [{ pairs: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } }],
      resources: ["cluster", ...namespaceDirs],
    });
  return { cluster, files, subtrees, sources, fallbackSources, origins };
}

interface ClusterPart {
  files: [string, string][];
  records: SourcedObject[];
}

/** `cluster/` once at the cluster's stage; `policies/` once per stage group, each scoped. */
function assembleClusterLevel(
  fs: FileSystem,
  repo: FleetRepo,
  cluster: ClusterConfig,
  groups: StageGroup[],
  baselines: string[],
  base: Vars,
): ClusterPart {
  const files: Record<string, string> = {};
  const records: SourcedObject[] = [];
  const clusterResources: string[] = [];
  for (const name of baselines) {
    const dir = joinPath(repo.root, "baselines", name);
    checkBaselineFolder(fs, dir, name);
    for (const sub of ["cluster", "policies"] as const) {
      const subdir = joinPath(dir, sub);
      if (!fs.isDir(subdir)) continue;
      const runs =
        sub === "cluster"
          ? [{ stage: cluster.stage, suffix: "", scope: {}, rollout: cluster.rollout, folder: "" }]
          : groups.map((g) => ({
              stage: g.stage,
              suffix: g.primary ? "" : `-${g.stage}`,
              scope: scopeVars(
                g.primary
                  ? { excluded: [...repo.fleet.systemNamespaces, ...g.others] }
                  : { included: g.namespaces },
              ),
              rollout: g.rollout,
              folder: g.primary ? "" : `${g.stage}/`,
            }));
      for (const run of runs) {
        const vars = { ...base, ...stageVars(run.stage), ...run.scope };
        for (const templateFile of kustomizationFiles(fs, subdir, `baselines/${name}/${sub}`)) {
          const rel = `baselines/${name}/${sub}/${templateFile}`;
          const docs = renderTemplate(fs, repo.root, rel, vars);
          const out: KubeObject[] = [];
          for (const { object, source: src } of docs) {
            if (run.suffix) object.metadata.name = `${object.metadata.name}${run.suffix}`;
            const namespace = object.metadata.namespace ?? "";
            if (!isClusterScoped(object) && !namespace) {
              throw new FleetError(
                "BAD_MANIFEST",
                `${object.kind} "${object.metadata.name}" is namespaced but has no metadata.namespace`,
                {
                  file: src.file,
                  line: src.line,
                  field: "metadata.namespace",
                  hint: `cluster-level baselines name the system namespace they write to; per-namespace objects go to baselines/${name}/namespace/`,
                },
              );
            }
            if (isClusterScoped(object)) delete object.metadata.namespace;
            addStageException(object, run.rollout);
            records.push({ object, source: src });
            out.push(object);
          }
          const path = `cluster/${name}/${sub}/${run.folder}${templateFile}`;
          files[path] = emitYaml(out, rel);
          clusterResources.push(path.slice("cluster/".length));
        }
      }
    }
  }
  files["cluster/kustomization.yaml"] = kustomization({ resources: clusterResources });
  return { files: Object.entries(files), records };
}

/** Whether any cluster-level template of these baselines reads ${cluster.name}. */
function usesClusterName(fs: FileSystem, repo: FleetRepo, baselines: string[]): boolean {
  const key = `usesClusterName\0${baselines.join(",")}`;
  const hit = memo.flags.get(key);
  if (hit !== undefined) return hit;
  let uses = false;
  for (const name of baselines) {
    for (const sub of ["cluster", "policies"]) {
      const dir = joinPath(repo.root, "baselines", name, sub);
      if (!fs.isDir(dir)) continue;
      for (const file of fs.readDir(dir)) {
        const path = joinPath(dir, file);
        if (!fs.isDir(path) && readText(fs, path).includes("${cluster.name}")) uses = true;
      }
    }
  }
  memo.flags.set(key, uses);
  return uses;
}

/** One namespace's share of a cluster tree, relative to `namespaces/<ns>/`. */
interface NamespacePart {
  files: [string, string][];
  records: SourcedObject[];
  fallbacks: [string, SourceRef][];
  origins: [string, string][];
  namespaceObject: KubeObject;
  /** The files, keyed by content: equal keys build to equal resources. */
  subtree: Subtree;
}

/** A sub-kustomization of the root: its folder, its files (relative to it) and a content key. */
export interface Subtree {
  dir: string;
  files: Record<string, string>;
  key: string;
}

function subtreeOf(dir: string, files: Record<string, string>): Subtree {
  const key = Object.entries(files)
    .map(([p, c]) => `${p}\0${c}`)
    .join("\0");
  return { dir, files, key };
}

/**
 * The generated Namespace, the namespace templates at the namespace's stage, then its overlays
 * (and their per-concern parts for the concerns this cluster runs).
 */
function assembleNamespace(
  fs: FileSystem,
  repo: FleetRepo,
  ns: NamespaceConfig,
  owner: string,
  baselines: string[],
  base: Vars,
  nsSource: SourceRef,
  now: Date,
): NamespacePart {
  const vars: Vars = {
    ...base,
    ...stageVars(ns.stage),
    "namespace.name": ns.name,
    "namespace.owner": owner,
  };
  const nsDir = ".";
  const part: NamespacePart = {
    files: [],
    records: [],
    fallbacks: [],
    origins: [],
    namespaceObject: undefined as never,
    subtree: undefined as never,
  };
  const files: Record<string, string> = {};
  const record = (object: KubeObject, _ns: string, source: SourceRef): void => {
    part.records.push({ object, source });
  };
  {
    const resources: string[] = ["namespace.yaml"];
    const namespaceObject = namespaceFor(ns, owner, repo, baselines);
    for (const name of baselines) {
      const subdir = joinPath(repo.root, "baselines", name, "namespace");
      if (!fs.isDir(subdir)) continue;
      for (const templateFile of kustomizationFiles(fs, subdir, `baselines/${name}/namespace`)) {
        const rel = `baselines/${name}/namespace/${templateFile}`;
        const out: KubeObject[] = [];
        for (const { object, source: src } of renderTemplate(fs, repo.root, rel, vars)) {
          if (isClusterScoped(object)) {
            throw new FleetError(
              "BAD_MANIFEST",
              `${object.kind} "${object.metadata.name}" is cluster-scoped and cannot be a per-namespace template`,
              { file: src.file, line: src.line, hint: `move it to baselines/${name}/cluster/` },
            );
          }
          delete object.metadata.namespace;
          addStageException(object, ns.rollout);
          record(object, ns.name, src);
          out.push(object);
        }
        const path = `baseline/${name}/${templateFile}`;
        files[`${nsDir}/${path}`] = emitYaml(out, rel);
        resources.push(path);
      }
    }
    for (const overlay of ns.overlays) {
      const overlayRoot = joinPath(repo.root, "overlays", overlay);
      const pieces: { from: string; rel: string; to: string }[] = [
        { from: overlayRoot, rel: `overlays/${overlay}`, to: `overlays/${overlay}` },
      ];
      for (const concern of baselines) {
        const concernDir = joinPath(overlayRoot, concern);
        if (fs.isDir(concernDir)) {
          pieces.push({
            from: concernDir,
            rel: `overlays/${overlay}/${concern}`,
            to: `overlays/${overlay}--${concern}`,
          });
        }
      }
      if (!fs.exists(joinPath(overlayRoot, "kustomization.yaml"))) {
        throw new FleetError("NOT_FOUND", `overlay "${overlay}" has no kustomization.yaml`, {
          file: `overlays/${overlay}`,
          hint: "an overlay is a kustomization: list its files under resources:",
        });
      }
      const nsPatch = joinPath(overlayRoot, "namespace.yaml");
      if (fs.exists(nsPatch)) {
        mergeNamespacePatch(
          namespaceObject,
          substitute(readText(fs, nsPatch), vars, `overlays/${overlay}/namespace.yaml`),
          `overlays/${overlay}/namespace.yaml`,
        );
      }
      const skip = new Set(repo.baselines.map((b) => joinPath(overlayRoot, b)));
      skip.add(nsPatch);
      for (const piece of pieces) {
        copyTree(
          fs,
          piece.from,
          piece.rel,
          `${nsDir}/${piece.to}`,
          files,
          vars,
          piece === pieces[0] ? skip : new Set(),
        );
        part.origins.push([piece.to, piece.rel]);
        for (const { object, source: src } of overlayObjects(fs, repo.root, piece.rel, vars)) {
          if (isClusterScoped(object)) {
            throw new FleetError(
              "BAD_MANIFEST",
              `${object.kind} "${object.metadata.name}" is cluster-scoped; overlays hold namespaced objects only`,
              {
                file: src.file,
                line: src.line,
                hint: "cluster-wide objects belong in baselines/<concern>/cluster/",
              },
            );
          }
          checkExceptionAnnotations(object, now, src);
          record(object, ns.name, src);
        }
        part.fallbacks.push([piece.to, { file: `${piece.rel}/kustomization.yaml` }]);
        resources.push(piece.to);
      }
    }
    checkPodSecurityException(namespaceObject, nsSource, now);
    part.namespaceObject = namespaceObject;
    files[`${nsDir}/namespace.yaml`] = emitYaml([namespaceObject], "cluster.yaml spec.namespaces");
    files[`${nsDir}/kustomization.yaml`] = kustomization({ namespace: ns.name, resources });
  }
  for (const [path, content] of Object.entries(files)) part.files.push([path.slice(2), content]);
  part.subtree = subtreeOf(`namespaces/${ns.name}`, Object.fromEntries(part.files));
  return part;
}

interface StageGroup {
  stage: Stage;
  primary: boolean;
  namespaces: string[];
  /** Namespaces of the other groups (excluded from the primary group's scope). */
  others: string[];
  rollout: RolloutException | undefined;
}

/** The cluster's own stage first, then every other stage some namespace overrides to. */
function stageGroups(cluster: ClusterConfig): StageGroup[] {
  const byStage = new Map<Stage, NamespaceConfig[]>();
  for (const ns of cluster.namespaces)
    byStage.set(ns.stage, [...(byStage.get(ns.stage) ?? []), ns]);
  const overridden = cluster.namespaces.filter((n) => n.stage !== cluster.stage).map((n) => n.name);
  const groups: StageGroup[] = [
    {
      stage: cluster.stage,
      primary: true,
      namespaces: (byStage.get(cluster.stage) ?? []).map((n) => n.name),
      others: overridden.sort(),
      rollout: cluster.rollout,
    },
  ];
  for (const stage of ["observe", "audit", "enforce"] as const) {
    if (stage === cluster.stage) continue;
    const members = byStage.get(stage);
    if (!members) continue;
    const rollouts = members.map((m) => m.rollout).filter((r) => r !== undefined);
    rollouts.sort((a, b) => (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : 0));
    groups.push({
      stage,
      primary: false,
      namespaces: members.map((n) => n.name).sort(),
      others: [],
      rollout: rollouts[0],
    });
  }
  return groups;
}

function ownerOf(ns: NamespaceConfig, cluster: ClusterConfig): string {
  return ns.owner ?? cluster.labels[LABELS.owner] ?? cluster.labels.owner ?? "platform";
}

/** The Namespace object: PSA labels, ownership, stage, mesh enrolment. */
function namespaceFor(
  ns: NamespaceConfig,
  owner: string,
  repo: FleetRepo,
  baselines: string[],
): KubeObject {
  const version = repo.fleet.podSecurity.version;
  const mode = STAGE_MODES[ns.stage];
  const labels: Record<string, string> = { [LABELS.owner]: owner };
  const annotations: Record<string, string> = {};
  const controls = ["ZT-ADM-007"];
  if (baselines.includes("pod-security")) {
    controls.push("ZT-PSS-001", "ZT-PSS-002", "ZT-PSS-003");
    Object.assign(labels, {
      "pod-security.kubernetes.io/enforce": String(mode.psaEnforce),
      "pod-security.kubernetes.io/enforce-version": version,
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/audit-version": version,
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/warn-version": version,
    });
  }
  if (baselines.includes("mesh-istio")) {
    controls.push("ZT-MESH-006");
    labels["istio-injection"] = "enabled";
  }
  if (baselines.includes("mesh-linkerd")) {
    controls.push("ZT-MESH-006", "ZT-MESH-007");
    annotations["linkerd.io/inject"] = "enabled";
    annotations["config.linkerd.io/default-inbound-policy"] = String(mode.linkerdDefaultInbound);
  }
  if (baselines.includes("admission-gatekeeper")) labels["policy.sigstore.dev/include"] = "true";
  annotations[ANNOTATIONS.controls] = [...new Set(controls)].sort().join(",");
  annotations[ANNOTATIONS.rolloutStage] = ns.stage;
  if (ns.stage !== "enforce" && ns.rollout) {
    const weakened = baselines.includes("pod-security") ? ["ZT-PSS-001"] : [];
    if (baselines.includes("mesh-linkerd")) weakened.push("ZT-MESH-007");
    if (weakened.length) setException(annotations, weakened.join(","), ns.rollout);
  }
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: ns.name, labels: sortKeys(labels), annotations: sortKeys(annotations) },
  };
}

function setException(
  annotations: Record<string, string>,
  controls: string,
  r: RolloutException,
): void {
  annotations[ANNOTATIONS.exceptionControls] = controls;
  annotations[ANNOTATIONS.exceptionOwner] = r.owner;
  annotations[ANNOTATIONS.exceptionTicket] = r.ticket;
  annotations[ANNOTATIONS.exceptionExpires] = r.expires;
}

/** An object a weaker stage relaxes carries that stage's rollout as its exception. */
function addStageException(object: KubeObject, rollout: RolloutException | undefined): void {
  const annotations = object.metadata.annotations;
  const stage = annotations?.[ANNOTATIONS.rolloutStage];
  if (!annotations || !rollout || stage === undefined || stage === "enforce") return;
  const controls = annotations[ANNOTATIONS.controls];
  if (controls) setException(annotations, controls, rollout);
}

/** `overlays/<name>/namespace.yaml`: labels and annotations merged into the Namespace. */
function mergeNamespacePatch(target: KubeObject, text: string, file: string): void {
  const [doc] = cachedManifests(text, file);
  if (doc?.object.kind !== "Namespace") {
    throw new FleetError(
      "BAD_MANIFEST",
      "must hold one Namespace object (labels and annotations only)",
      {
        file,
        line: doc?.source.line,
        field: "kind",
      },
    );
  }
  const extra = Object.keys(doc.object).filter(
    (k) => !["apiVersion", "kind", "metadata"].includes(k),
  );
  const extraMeta = Object.keys(doc.object.metadata).filter(
    (k) => !["name", "labels", "annotations"].includes(k),
  );
  if (extra.length || extraMeta.length) {
    throw new FleetError(
      "BAD_MANIFEST",
      `only metadata.labels and metadata.annotations may be set here`,
      {
        file,
        line: doc.source.line,
        field: [...extra, ...extraMeta.map((k) => `metadata.${k}`)].join(", "),
      },
    );
  }
  const meta = target.metadata;
  meta.labels = sortKeys({
    ...meta.labels,
    ...stringMap(doc.object.metadata.labels, file, "metadata.labels"),
  });
  meta.annotations = sortKeys({
    ...meta.annotations,
    ...stringMap(doc.object.metadata.annotations, file, "metadata.annotations"),
  });
  exceptionSources.set(target, { file, ...(doc.source.line ? { line: doc.source.line } : {}) });
}

const exceptionSources = new WeakMap<KubeObject, SourceRef>();

/** A namespace below PSS restricted must carry a live exception for ZT-PSS-001. */
function checkPodSecurityException(ns: KubeObject, fallback: SourceRef, now: Date): void {
  const src = exceptionSources.get(ns) ?? fallback;
  checkExceptionAnnotations(ns, now, src);
  const enforce = ns.metadata.labels?.["pod-security.kubernetes.io/enforce"];
  if (enforce === undefined || enforce === "restricted") return;
  const covered = (ns.metadata.annotations?.[ANNOTATIONS.exceptionControls] ?? "")
    .split(",")
    .map((c) => c.trim());
  if (!covered.includes("ZT-PSS-001")) {
    throw new FleetError(
      "BAD_CONFIG",
      `Namespace "${ns.metadata.name}" enforces Pod Security "${enforce}" without an exception for ZT-PSS-001`,
      {
        file: src.file,
        line: src.line,
        field: "metadata.annotations",
        hint: `add ${ANNOTATIONS.exceptionControls}: ZT-PSS-001 with -owner, -ticket and -expires, or a rollout: (owner, ticket, expires) in cluster.yaml`,
      },
    );
  }
}

function stringMap(value: unknown, file: string, field: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isJsonObject(value) || Object.values(value).some((v) => typeof v !== "string")) {
    throw new FleetError("BAD_MANIFEST", "must map names to strings (quote numbers and booleans)", {
      file,
      field,
    });
  }
  return value as Record<string, string>;
}

function sortKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function checkBaselineFolder(fs: FileSystem, dir: string, name: string): void {
  if (!TEMPLATE_SUBDIRS.some((sub) => fs.isDir(joinPath(dir, sub)))) {
    throw new FleetError(
      "BAD_CONFIG",
      `baseline "${name}" has none of cluster/, policies/, namespace/`,
      {
        file: `baselines/${name}`,
        hint: "cluster/ holds cluster-wide objects, policies/ stage-scoped policies, namespace/ per-namespace objects",
      },
    );
  }
}

/** The files a template folder's kustomization.yaml lists (plain files in that folder). */
function kustomizationFiles(fs: FileSystem, dir: string, rel: string): string[] {
  const file = `${rel}/kustomization.yaml`;
  const path = joinPath(dir, "kustomization.yaml");
  if (!fs.exists(path)) {
    throw new FleetError("NOT_FOUND", "missing kustomization.yaml", {
      file: rel,
      hint: "list the folder's files under resources:",
    });
  }
  const text = readText(fs, path);
  const k = cachedParse(text) as Record<string, unknown> | null;
  const fields = Object.keys(k ?? {}).filter(
    (f) => !["apiVersion", "kind", "resources"].includes(f),
  );
  if (fields.length) {
    throw new FleetError(
      "BAD_CONFIG",
      `baseline templates may only list resources, not ${fields.join(", ")}`,
      {
        file,
        line: lineOf(text, [fields[0] ?? ""]),
        field: fields[0],
        hint: "express stage and fleet differences with template variables (see baselines/README.md)",
      },
    );
  }
  const resources = (k?.resources ?? []) as unknown[];
  return resources.map((r, i) => {
    if (
      typeof r !== "string" ||
      r.includes("/") ||
      !fs.exists(joinPath(dir, r)) ||
      fs.isDir(joinPath(dir, r))
    ) {
      throw new FleetError(
        "BAD_CONFIG",
        `resource ${JSON.stringify(r)} is not a file of this folder`,
        {
          file,
          line: lineOf(text, ["resources", i]),
          field: `resources.${i}`,
          hint: "baseline template folders list plain files next to their kustomization.yaml",
        },
      );
    }
    return r;
  });
}

export interface SourcedObject {
  object: KubeObject;
  source: SourceRef;
}

function renderTemplate(fs: FileSystem, root: string, rel: string, vars: Vars): SourcedObject[] {
  const text = substitute(readText(fs, joinPath(root, rel)), vars, rel);
  return cachedManifests(text, rel).map(({ object, source }) => ({
    object: stripNulls(object) as KubeObject,
    source,
  }));
}

/** Map entries whose value is null are dropped: `${scope.namespaces}` may be null. */
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v);
    return out;
  }
  return value;
}

/** The resource files of an overlay kustomization (following resource folders), parsed. */
function overlayObjects(fs: FileSystem, root: string, rel: string, vars: Vars): SourcedObject[] {
  const out: SourcedObject[] = [];
  const visit = (dirRel: string, depth: number): void => {
    const kfile = `${dirRel}/kustomization.yaml`;
    const path = joinPath(root, kfile);
    if (!fs.exists(path) || depth > 20) return;
    const k = cachedParse(substitute(readText(fs, path), vars, kfile)) as {
      resources?: unknown;
    } | null;
    const resources = Array.isArray(k?.resources) ? k.resources : [];
    for (const r of resources) {
      if (typeof r !== "string" || r.includes("://")) continue;
      const childRel = normalizeRel(`${dirRel}/${r}`);
      const childPath = joinPath(root, childRel);
      if (!fs.exists(childPath)) continue;
      if (fs.isDir(childPath)) visit(childRel, depth + 1);
      else {
        const text = substitute(readText(fs, childPath), vars, childRel);
        for (const m of cachedManifests(text, childRel))
          out.push({ object: m.object, source: m.source });
      }
    }
  };
  visit(rel, 0);
  return out;
}

function normalizeRel(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

const TEXT_FILE = /\.(ya?ml|json|env|properties|txt|conf|toml)$/i;

/** Copies a folder into the tree, substituting variables in text files. */
function copyTree(
  fs: FileSystem,
  from: string,
  rel: string,
  to: string,
  files: Record<string, string>,
  vars: Vars,
  skip: Set<string>,
): void {
  for (const name of fs.readDir(from)) {
    const path = joinPath(from, name);
    if (skip.has(path)) continue;
    if (fs.isDir(path))
      copyTree(fs, path, `${rel}/${name}`, `${to}/${name}`, files, vars, new Set());
    else {
      const text = readText(fs, path);
      files[`${to}/${name}`] = TEXT_FILE.test(name)
        ? substitute(text, vars, `${rel}/${name}`)
        : text;
    }
  }
}

function kustomization(fields: {
  namespace?: string;
  labels?: unknown[];
  resources: string[];
}): string {
  const body: Record<string, unknown> = {};
  if (fields.namespace) body.namespace = fields.namespace;
  if (fields.labels) body.labels = fields.labels;
  body.resources = fields.resources;
  return KUSTOMIZATION_HEAD + stringify(body, { lineWidth: 0 });
}

/** Objects as a YAML stream, with a comment naming their source. */
function emitYaml(objects: KubeObject[], source: string): string {
  const key = `${source}\0${JSON.stringify(objects)}`;
  const hit = memo.yaml.get(key);
  if (hit !== undefined) return hit;
  const docs = objects.map((o) =>
    stringify(o as JsonValue, { lineWidth: 0, aliasDuplicateObjects: false, schema: "yaml-1.1" }),
  );
  const text = `# Generated by fleet-baseline from ${source}\n${docs.join("---\n")}`;
  memo.yaml.set(key, text);
  return text;
}

/** The 1-based line of the node at `path` in a YAML document; a missing path gives its parent's. */
function lineOf(text: string, path: (string | number)[]): number | undefined {
  // One parsed document at a time: lines are looked up in the cluster.yaml being assembled, and
  // keeping every cluster's parsed document would cost more memory than re-parsing saves.
  let entry = memo.documents.get(text);
  if (!entry) {
    const lines = new LineCounter();
    entry = { doc: parseDocument(text, { lineCounter: lines }), lines };
    memo.documents.clear();
    memo.documents.set(text, entry);
  }
  for (let p = path; p.length > 0; p = p.slice(0, -1)) {
    const node = entry.doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && node.range)
      return entry.lines.linePos(node.range[0]).line;
  }
  return undefined;
}
