import {
  FleetError,
  type KubeObject,
  keyOf,
  keyString,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  RENDER_INDEX_FILE,
  type RenderIndex,
  type SourceRef,
} from "@fleet-baseline/model";
import type { FileSystem, ValueMap } from "kustomize-ts";
import * as kustomize from "kustomize-ts";
import {
  type AssembleCache,
  assembleCluster,
  type ClusterTree,
  createAssembleCache,
} from "./assemble.ts";
import { type Composed, labelResources, sortComposed } from "./compose.ts";
import { type ClusterSource, type FleetRepo, loadFleetRepo } from "./repo.ts";

/** `kustomize build` over a file system: kustomize-ts's `build` unless a test passes another. */
export type BuildFunction = (
  fs: FileSystem,
  dir: string,
) => { resources: ValueMap[]; yaml: string; warnings: string[] };

export interface RenderOptions {
  /** The clock: exceptions and rollouts that ended before `now` fail the render. */
  now: Date;
  /** Repository root inside `fs`; default `/`. */
  root?: string;
  /** Only these clusters (renderFleet); default every cluster. */
  clusters?: string[];
  /** Called after each cluster of a fleet render (the CLI shows progress on a terminal). */
  onProgress?: (done: number, total: number, cluster: string) => void;
  build?: BuildFunction;
  /**
   * Memo shared across renders (e.g. a PR's base and head): content-keyed, so it never returns
   * stale results; it only grows. Default: a fresh one per renderFleet call.
   */
  cache?: RenderCache;
}

/** One rendered object: the object, its exact kustomize bytes, its file and its source. */
export interface RenderedObject {
  object: KubeObject;
  yaml: string;
  /** Path relative to `rendered/<cluster>/`. */
  path: string;
  source: SourceRef;
}

export interface RenderedCluster {
  name: string;
  cluster: ClusterSource;
  objects: RenderedObject[];
  /** The YAML stream, byte for byte what `kubectl kustomize` prints for `tree` (computed on access). */
  readonly yaml: string;
  /** The plain kustomize tree (paths relative to its root) that produces `yaml`. */
  tree: Record<string, string>;
  /** `rendered/<cluster>/index.json` (computed on access). */
  readonly index: RenderIndex;
  warnings: string[];
}

export interface RenderedFleet {
  repo: FleetRepo;
  clusters: RenderedCluster[];
}

const TREE_ROOT = "/tree";

function defaultBuild(): BuildFunction {
  const build = (kustomize as unknown as { build?: BuildFunction }).build;
  if (!build) {
    throw new FleetError("INTERNAL", "kustomize-ts has no build() yet", {
      hint: "update kustomize-ts, or pass options.build",
    });
  }
  return build;
}

/** Renders every cluster (or `options.clusters`) of the repository. All or nothing. */
export function renderFleet(fs: FileSystem, options: RenderOptions): RenderedFleet {
  fs = memoizedFs(fs);
  const repo = loadFleetRepo(fs, options.root ?? "/");
  const cache = options.cache ?? createRenderCache();
  const wanted = options.clusters?.length
    ? options.clusters
    : repo.clusters.map((c) => c.config.name);
  const byName = new Map(repo.clusters.map((c) => [c.config.name, c]));
  const sources = wanted.map((name) => {
    const source = byName.get(name);
    if (!source) {
      throw new FleetError("NOT_FOUND", `unknown cluster "${name}"`, {
        file: `clusters/${name}/cluster.yaml`,
        field: "--cluster",
        hint: `clusters: ${[...byName.keys()].join(", ") || "(none: add clusters/<name>/cluster.yaml)"}`,
      });
    }
    return source;
  });
  const clusters: RenderedCluster[] = [];
  for (const source of sources) {
    clusters.push(renderSource(fs, repo, source, options, cache));
    options.onProgress?.(clusters.length, sources.length, source.config.name);
  }
  return { repo, clusters };
}

/** Renders one cluster by name. */
export function renderCluster(
  fs: FileSystem,
  name: string,
  options: RenderOptions,
): RenderedCluster {
  const fleet = renderFleet(fs, { ...options, clusters: [name], onProgress: undefined as never });
  const [cluster] = fleet.clusters;
  if (!cluster) throw new FleetError("INTERNAL", `cluster "${name}" was not rendered`);
  return cluster;
}

/** Assembles the tree, builds it with kustomize and attaches provenance to every object. */
export function renderSource(
  fs: FileSystem,
  repo: FleetRepo,
  source: ClusterSource,
  options: RenderOptions,
  cache: RenderCache = createRenderCache(),
): RenderedCluster {
  const tree = assembleCluster(fs, repo, source, { now: options.now, cache: cache.assemble });
  const build = options.build ?? defaultBuild();
  // Build each sub-kustomization of the root (cluster/, namespaces/<ns>/) on its own, memoized by
  // its contents: fleets repeat the same namespace setups across clusters. Then do what the root
  // kustomization does (managed-by label, legacy order) and encode. The e2e tests prove the
  // result byte-identical to `kubectl kustomize` on the whole emitted tree.
  const items: (Composed & { yaml: string })[] = [];
  const warnings: string[] = [];
  for (const { dir, files, key } of tree.subtrees) {
    let built = cache.builds.get(key);
    if (!built) {
      const memory: Record<string, string> = {};
      for (const [p, c] of Object.entries(files)) memory[`${TREE_ROOT}/${p}`] = c;
      let result: ReturnType<BuildFunction>;
      try {
        result = build(kustomize.createMemoryFs(memory), TREE_ROOT);
      } catch (error) {
        throw translateBuildError(error, tree, dir);
      }
      const labelled = labelResources(result.resources, { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE });
      built = {
        items: labelled.map((c) => ({ ...c, yaml: kustomize.encodeDocument(c.resource) })),
        warnings: result.warnings,
      };
      cache.builds.set(key, built);
    }
    for (const item of built.items) items.push(item);
    warnings.push(...built.warnings);
  }
  const objects: RenderedObject[] = [];
  const usedPaths = new Set<string>();
  for (const { resource, yaml } of sortComposed(items)) {
    const object = resource as unknown as KubeObject;
    const key = keyOf(object);
    objects.push({
      object,
      yaml,
      path: uniquePath(objectPath(object), usedPaths),
      source: sourceOf(tree, key.namespace, keyString(key), object),
    });
  }
  const name = source.config.name;
  // The stream and the index are derived on demand: a 500-cluster fleet keeps only the objects.
  return {
    name,
    cluster: source,
    objects,
    get yaml(): string {
      return objects.map((o) => o.yaml).join("---\n");
    },
    tree: tree.files,
    get index(): RenderIndex {
      return {
        cluster: name,
        objects: objects.map((o) => ({
          apiVersion: o.object.apiVersion,
          kind: o.object.kind,
          namespace: o.object.metadata.namespace ?? "",
          name: o.object.metadata.name ?? "",
          path: o.path,
          source: o.source,
        })),
      };
    },
    warnings: [...new Set(warnings)],
  };
}

/** Memo of one fleet render: assembly, sub-kustomization builds and encoded objects. */
export interface RenderCache {
  assemble: AssembleCache;
  builds: Map<string, { items: (Composed & { yaml: string })[]; warnings: string[] }>;
}

export function createRenderCache(): RenderCache {
  return { assemble: createAssembleCache(), builds: new Map() };
}

/** Reads each file once per fleet render. */
function memoizedFs(fs: FileSystem): FileSystem {
  const files = new Map<string, Uint8Array>();
  const dirs = new Map<string, string[]>();
  const exists = new Map<string, boolean>();
  const isDir = new Map<string, boolean>();
  return {
    readFile(path) {
      let data = files.get(path);
      if (!data) {
        data = fs.readFile(path);
        files.set(path, data);
      }
      return data;
    },
    exists(path) {
      let hit = exists.get(path);
      if (hit === undefined) {
        hit = files.has(path) || fs.exists(path);
        exists.set(path, hit);
      }
      return hit;
    },
    isDir(path) {
      let hit = isDir.get(path);
      if (hit === undefined) {
        hit = fs.isDir(path);
        isDir.set(path, hit);
      }
      return hit;
    },
    readDir(path) {
      let names = dirs.get(path);
      if (!names) {
        names = fs.readDir(path);
        dirs.set(path, names);
      }
      return names;
    },
    realPath: (path) => fs.realPath(path),
  };
}

function sourceOf(
  tree: ClusterTree,
  namespace: string,
  key: string,
  object: KubeObject,
): SourceRef {
  const exact = tree.sources.get(key);
  if (exact) return exact;
  // Generated objects (configMapGenerator…) get a hash suffix: credit the overlay that made them.
  for (const [k, src] of tree.sources) {
    if (
      k.startsWith(key.slice(0, key.lastIndexOf("/") + 1)) &&
      object.metadata.name?.startsWith(`${k.slice(k.lastIndexOf("/") + 1)}-`)
    ) {
      return src;
    }
  }
  for (const [k, src] of tree.fallbackSources) {
    if (k.startsWith(`${namespace}/overlays/`)) return src;
  }
  return tree.fallbackSources.get(namespace) ?? { file: tree.cluster.file };
}

/** `<namespace or _cluster>/<kind>.<group>_<name>.yaml`, stable across runs. */
export function objectPath(object: KubeObject): string {
  const { group, kind, namespace, name } = keyOf(object);
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, "_");
  return `${namespace ? safe(namespace) : "_cluster"}/${kind.toLowerCase()}${group ? `.${group}` : ""}_${safe(name)}.yaml`;
}

function uniquePath(path: string, used: Set<string>): string {
  let candidate = path;
  for (let i = 2; used.has(candidate); i++) candidate = path.replace(/\.yaml$/, `~${i}.yaml`);
  used.add(candidate);
  return candidate;
}

/** The contents of `rendered/<cluster>/`: one file per object plus `index.json`. */
export function renderedFiles(cluster: RenderedCluster): Record<string, string> {
  const files: Record<string, string> = {};
  for (const o of cluster.objects) files[o.path] = o.yaml;
  files[RENDER_INDEX_FILE] = `${JSON.stringify(cluster.index, null, 2)}\n`;
  return files;
}

function translateBuildError(error: unknown, tree: ClusterTree, dir: string): FleetError {
  if (error instanceof FleetError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const rawFile = (error as { file?: unknown }).file;
  let file =
    typeof rawFile === "string" ? `${dir}/${rawFile.replace(`${TREE_ROOT}/`, "")}` : undefined;
  if (file) {
    for (const [treeDir, origin] of tree.origins) {
      if (file.startsWith(`${treeDir}/`)) file = origin + file.slice(treeDir.length);
    }
  }
  return new FleetError(
    "RENDER_FAILED",
    `kustomize build failed: ${message.replaceAll(`${TREE_ROOT}/`, "")}`,
    {
      file: file ?? tree.cluster.file,
      hint: "run `fleet-baseline render --emit-kustomize DIR` and `kubectl kustomize DIR` to inspect the tree",
      cause: error,
    },
  );
}
