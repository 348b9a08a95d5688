import {
  type ClusterConfig,
  DEFAULT_FLEET_CONFIG,
  type FleetConfig,
  FleetError,
  parseClusterConfig,
  parseFleetConfig,
} from "@fleet-baseline/model";
import type { FileSystem } from "kustomize-ts";
import { LineCounter, parseDocument } from "yaml";

/** The fleet as read from a repository: fleet.yaml, every cluster.yaml, the baseline folders. */
export interface FleetRepo {
  /** Absolute path of the repository root in the file system. */
  root: string;
  fleet: FleetConfig;
  clusters: ClusterSource[];
  /** Folder names under baselines/, sorted. */
  baselines: string[];
  /** Folder names under overlays/, sorted. */
  overlays: string[];
}

/** One cluster.yaml with its text, so that errors can point at lines. */
export interface ClusterSource {
  config: ClusterConfig;
  /** Repository-relative path, e.g. `clusters/prod-eu/cluster.yaml`. */
  file: string;
  text: string;
}

const decoder = new TextDecoder();

export function readText(fs: FileSystem, path: string): string {
  return decoder.decode(fs.readFile(path));
}

export function joinPath(...parts: string[]): string {
  const joined = parts.filter(Boolean).join("/").replace(/\/+/g, "/");
  return joined.length > 1 ? joined.replace(/\/$/, "") : joined;
}

function subdirs(fs: FileSystem, dir: string): string[] {
  if (!fs.isDir(dir)) return [];
  return fs
    .readDir(dir)
    .filter((name) => !name.startsWith(".") && fs.isDir(joinPath(dir, name)))
    .sort();
}

/**
 * Reads fleet.yaml (defaults when absent), every `clusters/<name>/cluster.yaml` and the names of
 * the baselines and overlays. Throws FleetError (file, line, field) on invalid input.
 */
export function loadFleetRepo(fs: FileSystem, root = "/"): FleetRepo {
  const fleetPath = joinPath(root, "fleet.yaml");
  const fleet = fs.exists(fleetPath)
    ? parseFleetConfig(readText(fs, fleetPath), "fleet.yaml")
    : DEFAULT_FLEET_CONFIG;
  const clusters: ClusterSource[] = [];
  for (const name of subdirs(fs, joinPath(root, "clusters"))) {
    const file = `clusters/${name}/cluster.yaml`;
    const path = joinPath(root, file);
    if (!fs.exists(path)) {
      throw new FleetError("NOT_FOUND", `cluster folder "${name}" has no cluster.yaml`, {
        file: `clusters/${name}`,
        hint: "add clusters/<name>/cluster.yaml or remove the folder",
      });
    }
    const text = readText(fs, path);
    const config = parseClusterConfig(text, file);
    if (config.name !== name) {
      throw new FleetError(
        "BAD_CONFIG",
        `metadata.name "${config.name}" differs from its folder "${name}"`,
        {
          file,
          line: lineOf(text, ["metadata", "name"]),
          field: "metadata.name",
          hint: `rename the folder or set metadata.name: ${name}`,
        },
      );
    }
    clusters.push({ config, file, text });
  }
  return {
    root,
    fleet,
    clusters,
    baselines: subdirs(fs, joinPath(root, "baselines")),
    overlays: subdirs(fs, joinPath(root, "overlays")),
  };
}

/** The 1-based line of the node at `path` in a YAML document, if it exists. */
export function lineOf(text: string, path: (string | number)[]): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (node && typeof node === "object" && node.range)
    return lineCounter.linePos(node.range[0]).line;
  // A path that does not exist points at its nearest existing parent.
  return path.length > 1 ? lineOf(text, path.slice(0, -1)) : undefined;
}
