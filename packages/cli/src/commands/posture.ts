import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_FLEET_CONFIG,
  type FleetConfig,
  FleetError,
  groupOf,
  type Manifest,
  parseFleetConfig,
  parseManifests,
  RENDER_INDEX_FILE,
  type RenderIndex,
  type SourceRef,
} from "@fleet-baseline/model";
import {
  type ClusterReport,
  checkPosture,
  renderJson,
  renderMarkdown,
  renderSarif,
  renderText,
} from "@fleet-baseline/posture";
import { defineCommand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { manifestFiles } from "../manifest-files.ts";
import { oneOf } from "../options.ts";

const usage = `usage: fleet-baseline posture [--fleet FILE] [--format text|json|sarif|markdown]
                              [--cluster NAME]... [--base DIR] [--now DATE] [PATH...]

Checks rendered clusters (or any manifests) against the Zero Trust control catalog.

  PATH              a manifest file or directory (*.yaml, *.yml, *.json, recursively); a
                    rendered cluster directory (with index.json) keeps its source provenance
  --cluster NAME    check rendered/NAME/ (repeatable); with one NAME and PATHs, names them
                    (default: every cluster under rendered/ when no PATH is given)
  --fleet FILE      fleet parameters (default: ./fleet.yaml if it exists, else the catalog's)
  --format FORMAT   text (default), json, sarif (GitHub code scanning), markdown (job summary)
  --base DIR        rendered output of the base branch (DIR/<cluster>/): the markdown summary
                    then shows score deltas and new/resolved findings per cluster
  --now DATE        evaluation time for exception expiry (default: now)

Exit codes: 0 no open error finding, 1 open error findings, 2 bad input.`;

const FORMATS = ["text", "json", "sarif", "markdown"] as const;

interface Input {
  cluster: string;
  manifests: Manifest[];
  /** Where findings without a source point (SARIF needs a location). */
  fallback: string;
}

export const postureCommand = defineCommand({
  name: "posture",
  summary: "check rendered clusters against the Zero Trust control catalog",
  usage,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        fleet: { type: "string" },
        format: { type: "string" },
        cluster: { type: "string", multiple: true },
        now: { type: "string" },
        base: { type: "string" },
      },
    });
    const format = oneOf("format", values.format, FORMATS, "text");
    const now = values.now === undefined ? new Date() : new Date(values.now);
    if (Number.isNaN(now.getTime()))
      throw new FleetError("USAGE", `--now must be an ISO date, not "${values.now}"`);
    const config = readFleet(io.cwd, values.fleet);
    const clusters = values.cluster ?? [];
    if (positionals.length > 0 && clusters.length > 1) {
      throw new FleetError(
        "USAGE",
        "with PATH arguments, give at most one --cluster (it names the manifests)",
      );
    }
    const inputs =
      positionals.length > 0
        ? readPaths(io.cwd, positionals, clusters[0])
        : readRendered(io.cwd, clusters);

    const reports: ClusterReport[] = inputs.map((input) => ({
      cluster: input.cluster,
      report: checkPosture(input.manifests, { config, now, cluster: input.cluster }),
    }));
    const fallbacks = new Map(inputs.map((i) => [i.cluster, i.fallback]));
    switch (format) {
      case "json":
        io.stdout(renderJson(reports));
        break;
      case "sarif":
        io.stdout(
          `${JSON.stringify(renderSarif(reports, { fallbackUri: (c) => fallbacks.get(c) ?? "fleet.yaml" }), null, 2)}\n`,
        );
        break;
      case "markdown": {
        const base =
          values.base === undefined
            ? undefined
            : readBase(io.cwd, values.base, inputs, config, now);
        io.stdout(renderMarkdown(reports, base ? { base } : {}));
        break;
      }
      default:
        io.stdout(renderText(reports));
    }
    const failing = reports.some((r) =>
      r.report.findings.some((f) => f.status === "fail" && f.severity === "error"),
    );
    return failing ? 1 : 0;
  },
});

/** The base branch's reports for the same clusters (a cluster absent there has no findings). */
function readBase(
  cwd: string,
  dir: string,
  inputs: Input[],
  config: FleetConfig,
  now: Date,
): ClusterReport[] {
  const root = resolve(cwd, dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new FleetError("NOT_FOUND", "base directory not found", {
      file: dir,
      hint: "render the base branch into DIR first",
    });
  }
  return inputs.map((input) => {
    const own = join(root, input.cluster);
    const clusterDir =
      existsSync(own) && statSync(own).isDirectory() ? own : inputs.length === 1 ? root : undefined;
    const manifests = clusterDir ? readClusterDir(cwd, clusterDir, input.cluster).manifests : [];
    return {
      cluster: input.cluster,
      report: checkPosture(manifests, { config, now, cluster: input.cluster }),
    };
  });
}

function readFleet(cwd: string, file: string | undefined): FleetConfig {
  const path = resolve(cwd, file ?? "fleet.yaml");
  if (!existsSync(path)) {
    if (file === undefined) return DEFAULT_FLEET_CONFIG;
    throw new FleetError("NOT_FOUND", "fleet file not found", {
      file,
      hint: "pass an existing --fleet FILE",
    });
  }
  return parseFleetConfig(readFileSync(path, "utf8"), posix(relative(cwd, path)));
}

function posix(path: string): string {
  return path.split(sep).join("/");
}

/** Every cluster directory under rendered/ (or the named ones). */
function readRendered(cwd: string, names: string[]): Input[] {
  const root = join(cwd, "rendered");
  if (names.length === 0) {
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      throw new FleetError("NOT_FOUND", "no rendered/ directory here", {
        file: "rendered/",
        hint: "run `fleet-baseline render` first, or pass PATH",
      });
    }
    names = readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith("."))
      .map((e) => e.name)
      .sort();
    if (names.length === 0)
      throw new FleetError("NOT_FOUND", "rendered/ holds no cluster", {
        file: "rendered/",
        hint: "run `fleet-baseline render` first",
      });
  }
  return names.map((name) => {
    const dir = join(root, name);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new FleetError("NOT_FOUND", `cluster "${name}" is not rendered`, {
        file: `rendered/${name}/`,
        hint: `run \`fleet-baseline render --cluster ${name}\``,
      });
    }
    return readClusterDir(cwd, dir, name);
  });
}

function readPaths(cwd: string, paths: string[], name: string | undefined): Input[] {
  const out: Input[] = [];
  const loose: Manifest[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs))
      throw new FleetError("NOT_FOUND", "no such file or directory", { file: p });
    if (
      statSync(abs).isDirectory() &&
      existsSync(join(abs, RENDER_INDEX_FILE)) &&
      name === undefined
    ) {
      out.push(readClusterDir(cwd, abs, undefined));
    } else if (statSync(abs).isDirectory() && name === undefined && isRenderedRoot(abs)) {
      for (const e of readdirSync(abs, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (existsSync(join(abs, e.name, RENDER_INDEX_FILE)))
          out.push(readClusterDir(cwd, join(abs, e.name), undefined));
      }
    } else {
      loose.push(...readManifestTree(cwd, abs));
    }
  }
  if (loose.length > 0 || out.length === 0) {
    const cluster =
      name ?? (paths.length === 1 ? basename(resolve(cwd, paths[0] ?? ".")) : "manifests");
    out.push({
      cluster,
      manifests: loose,
      fallback: posix(relative(cwd, resolve(cwd, paths[0] ?? "."))),
    });
  }
  return out;
}

function isRenderedRoot(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some(
    (e) => e.isDirectory() && existsSync(join(dir, e.name, RENDER_INDEX_FILE)),
  );
}

/** A rendered cluster: its files, with provenance from index.json when present. */
function readClusterDir(cwd: string, dir: string, name: string | undefined): Input {
  const indexPath = join(dir, RENDER_INDEX_FILE);
  let index: RenderIndex | undefined;
  if (existsSync(indexPath)) {
    try {
      index = JSON.parse(readFileSync(indexPath, "utf8")) as RenderIndex;
    } catch (error) {
      throw new FleetError("BAD_MANIFEST", "index.json is not valid JSON", {
        file: posix(relative(cwd, indexPath)),
        cause: error,
        hint: "re-run `fleet-baseline render`",
      });
    }
  }
  const sources = new Map<string, SourceRef>();
  for (const e of index?.objects ?? []) {
    if (e.source)
      sources.set(`${groupOf(e.apiVersion)}|${e.kind}|${e.namespace}|${e.name}`, e.source);
  }
  const manifests = readManifestTree(cwd, dir).map((m) => {
    const o = m.object;
    const src = sources.get(
      `${groupOf(o.apiVersion)}|${o.kind}|${o.metadata.namespace ?? ""}|${o.metadata.name ?? ""}`,
    );
    return src ? { object: o, source: src } : m;
  });
  const cluster = name ?? index?.cluster ?? basename(dir);
  const clusterFile = `clusters/${cluster}/cluster.yaml`;
  return {
    cluster,
    manifests,
    fallback: existsSync(join(cwd, clusterFile)) ? clusterFile : posix(relative(cwd, dir)),
  };
}

const SKIP_FILES = new Set([
  "kustomization.yaml",
  "kustomization.yml",
  "Kustomization",
  RENDER_INDEX_FILE,
]);

/** Manifests of a file or a directory tree (sorted; kustomizations, index.json and dot-dirs skipped). */
function readManifestTree(cwd: string, path: string): Manifest[] {
  const files = manifestFiles(
    path,
    (name, isDirectory) =>
      name.startsWith(".") || name === "node_modules" || (!isDirectory && SKIP_FILES.has(name)),
  );
  return files.flatMap((f) => parseManifests(readFileSync(f, "utf8"), posix(relative(cwd, f))));
}
