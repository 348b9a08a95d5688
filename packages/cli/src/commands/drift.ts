import { existsSync, readFileSync } from "node:fs";
import { basename, delimiter, join, relative, resolve } from "node:path";
import {
  assertUnambiguousYaml,
  type DriftChange,
  type DriftReport,
  diffObjects,
  formatMarkdown,
  formatText,
  kubeContextOf,
  parseLiveSnapshot,
  readLiveObjects,
  toDriftJson,
} from "@fleet-baseline/drift";
import { FleetError, isFleetError, type KubeObject, parseManifests } from "@fleet-baseline/model";
import { defineCommand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { manifestFiles } from "../manifest-files.ts";
import { allClusters, CLUSTER_OPTIONS, oneOf, parseFlags, repoRoot } from "../options.ts";

const usage = `usage: fleet-baseline drift [--cluster NAME]... [--all] [--desired PATH] [--live FILE]
                            [--context CTX] [--kubeconfig FILE] [--format text|json|markdown]
                            [--concurrency N] [--root DIR]

Compares the desired state (the committed rendered/<cluster>/ output, or --desired) with the live
cluster (read-only: GET requests only) or a snapshot, after normalizing what the API server adds.

  --cluster NAME      compare this cluster (repeatable); its kube context is spec.kube.context
                      of clusters/NAME/cluster.yaml (default: the cluster name)
  --all               every cluster in clusters/; one unreachable cluster does not stop the rest
  --desired PATH      manifest file or directory (*.yaml, *.yml, *.json) instead of rendered/
  --live FILE         a snapshot (kubectl get -o yaml: a List or multi-document YAML) instead
                      of the cluster
  --context CTX       kube context (one cluster only)
  --kubeconfig FILE   default: $KUBECONFIG, else ~/.kube/config
  --format FORMAT     text (default, like kubectl diff), json, markdown
  --concurrency N     API requests in flight per cluster (default 8)
  --root DIR          repository root (default: the current directory)

JSON for one cluster is {"drifted", "changes"}; with several clusters each change also names its
"cluster" and a "clusters" list gives each cluster's status (drifted, clean, unreachable, error).
Secret values are never printed: a differing value reads "value differs (hidden)".
Exit codes: 0 no drift, 1 drift, 2 bad input, 3 cluster unreachable.`;

const FORMATS = ["text", "json", "markdown"] as const;
type Format = (typeof FORMATS)[number];

interface Target {
  name: string;
  desired: string;
  context: string | undefined;
}

interface Outcome {
  name: string;
  report?: DriftReport;
  error?: FleetError;
  exit: 0 | 1 | 2 | 3;
}

const UNREACHABLE = new Set(["KUBE_API", "KUBE_UNREACHABLE", "KUBE_FORBIDDEN"]);

export const driftCommand = defineCommand({
  name: "drift",
  summary: "compare live clusters (or snapshots) with the rendered desired state",
  usage,
  async run(argv: string[], io: CliIo): Promise<number> {
    const values = parseFlags(argv, {
      ...CLUSTER_OPTIONS,
      all: { type: "boolean" },
      desired: { type: "string" },
      live: { type: "string" },
      context: { type: "string" },
      kubeconfig: { type: "string" },
      format: { type: "string" },
      concurrency: { type: "string" },
    });
    const format = oneOf("format", values.format, FORMATS, "text");
    const concurrency = Number(values.concurrency ?? "8");
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new FleetError(
        "USAGE",
        `--concurrency must be a positive integer, not "${values.concurrency}"`,
      );
    }
    const root = repoRoot(io, values.root);
    const targets = selectTargets(root, io.cwd, values);
    if (targets.length > 1) {
      for (const flag of ["desired", "live", "context"] as const) {
        if (values[flag] !== undefined) {
          throw new FleetError(
            "USAGE",
            `--${flag} applies to one cluster; ${targets.length} are selected`,
          );
        }
      }
    }
    const kubeconfig = values.kubeconfig
      ? resolve(io.cwd, values.kubeconfig)
      : (io.env.KUBECONFIG?.split(delimiter).find(Boolean) ??
        join(io.env.HOME ?? "", ".kube", "config"));

    const outcomes: Outcome[] = [];
    for (const [index, target] of targets.entries()) {
      const progress =
        io.isTTY && targets.length > 1
          ? (done: number, total: number) =>
              io.stderr(
                `\r\x1b[2K[${index + 1}/${targets.length}] ${target.name}: ${done}/${total} kinds read`,
              )
          : undefined;
      outcomes.push(
        await compareTarget(target, {
          live: values.live === undefined ? undefined : resolve(io.cwd, values.live),
          kubeconfig,
          concurrency,
          cwd: io.cwd,
          progress,
        }),
      );
    }
    if (io.isTTY && targets.length > 1) io.stderr("\r\x1b[2K");

    io.stdout(render(format, outcomes, targets.length > 1));
    for (const outcome of outcomes) {
      if (outcome.error) {
        io.stderr(
          `fleet-baseline drift: ${targets.length > 1 ? `cluster ${outcome.name}: ` : ""}${outcome.error.format()}\n`,
        );
      }
    }
    const exits = new Set(outcomes.map((o) => o.exit));
    return exits.has(2) ? 2 : exits.has(3) ? 3 : exits.has(1) ? 1 : 0;
  },
});

function selectTargets(
  root: string,
  cwd: string,
  values: {
    cluster?: string[] | undefined;
    all?: boolean | undefined;
    desired?: string | undefined;
    context?: string | undefined;
  },
): Target[] {
  if (values.all && values.cluster)
    throw new FleetError("USAGE", "--all and --cluster exclude each other");
  const names = values.all ? allClusters(root) : (values.cluster ?? []);
  if (!names.length) {
    if (values.desired === undefined) {
      throw new FleetError("USAGE", "nothing to compare", {
        hint: "name a cluster (--cluster NAME, --all) or pass --desired PATH",
      });
    }
    return [
      {
        name: values.context ?? basename(values.desired).replace(/\.(ya?ml|json)$/, ""),
        desired: resolve(cwd, values.desired),
        context: values.context,
      },
    ];
  }
  return names.map((name) => {
    const clusterFile = join(root, "clusters", name, "cluster.yaml");
    const context =
      values.context ??
      (existsSync(clusterFile)
        ? kubeContextOf(readFileSync(clusterFile, "utf8"), name, clusterFile)
        : name);
    const desired =
      values.desired === undefined ? join(root, "rendered", name) : resolve(cwd, values.desired);
    return { name, desired, context };
  });
}

async function compareTarget(
  target: Target,
  options: {
    live: string | undefined;
    kubeconfig: string;
    concurrency: number;
    cwd: string;
    progress: ((done: number, total: number) => void) | undefined;
  },
): Promise<Outcome> {
  try {
    const desired = readDesired(target, options.cwd);
    if (options.live !== undefined) {
      const live = parseLiveSnapshot(readInput(options.live), options.live);
      return finish(target.name, diffObjects(desired, live));
    }
    const { createKubeReader } = await import("@fleet-baseline/drift/node");
    const reader = createKubeReader({
      kubeconfig: options.kubeconfig,
      context: target.context,
      maxSockets: options.concurrency,
    });
    try {
      const live = await readLiveObjects(reader, desired, {
        concurrency: options.concurrency,
        ...(options.progress ? { onProgress: options.progress } : {}),
      });
      const report = diffObjects(desired, live.objects, {
        namespaced: (group, kind) => live.namespaced.get(`${group}/${kind}`),
        unserved: live.unserved,
      });
      return finish(target.name, report);
    } finally {
      reader.close();
    }
  } catch (error) {
    if (!isFleetError(error) || error.code === "INTERNAL") throw error;
    return { name: target.name, error, exit: UNREACHABLE.has(error.code) ? 3 : 2 };
  }
}

function finish(name: string, report: DriftReport): Outcome {
  return { name, report, exit: report.drifted ? 1 : 0 };
}

function readInput(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new FleetError(
      "NOT_FOUND",
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      {
        file,
      },
    );
  }
}

/** Manifests of a file or a directory tree (sorted, index.json skipped). */
function readDesired(target: Target, cwd: string): KubeObject[] {
  const path = target.desired;
  if (!existsSync(path)) {
    throw new FleetError("NOT_FOUND", `no desired state at ${path}`, {
      hint: `run \`fleet-baseline render --cluster ${target.name}\` (and commit rendered/), or pass --desired PATH`,
    });
  }
  return manifestFiles(path, (name, isDirectory) => !isDirectory && name === "index.json").flatMap(
    (file) => desiredObjects(file, cwd),
  );
}

function desiredObjects(file: string, cwd: string): KubeObject[] {
  const text = readInput(file);
  const name = relative(cwd, file);
  assertUnambiguousYaml(text, name);
  return parseManifests(text, name).map((m) => m.object);
}

function status(o: Outcome): string {
  if (o.error) return o.exit === 3 ? "unreachable" : "error";
  return o.report?.drifted ? "drifted" : "clean";
}

function render(format: Format, outcomes: Outcome[], fleet: boolean): string {
  if (format === "json") {
    if (!fleet) {
      const [only] = outcomes;
      return only?.report ? `${JSON.stringify(toDriftJson(only.report), null, 2)}\n` : "";
    }
    const changes: Array<Omit<DriftChange, "reason" | "sensitive"> & { cluster: string }> = [];
    for (const o of outcomes) {
      if (o.report)
        for (const c of toDriftJson(o.report).changes) changes.push({ cluster: o.name, ...c });
    }
    const clusters = outcomes.map((o) => ({
      name: o.name,
      status: status(o),
      ...(o.error ? { error: o.error.message } : {}),
    }));
    const drifted = outcomes.some((o) => o.report?.drifted);
    return `${JSON.stringify({ drifted, changes, clusters }, null, 2)}\n`;
  }
  const parts: string[] = [];
  for (const o of outcomes) {
    if (o.report)
      parts.push(
        format === "markdown" ? formatMarkdown(o.name, o.report) : formatText(o.name, o.report),
      );
    else if (fleet)
      parts.push(
        `${format === "markdown" ? "### " : ""}cluster ${o.name}: ${status(o)}: ${o.error?.message}\n`,
      );
  }
  if (fleet) parts.push(fleetSummary(format, outcomes));
  return parts.join("\n");
}

function fleetSummary(format: Format, outcomes: Outcome[]): string {
  const count = (s: string) => outcomes.filter((o) => status(o) === s).length;
  const line = `fleet: ${outcomes.length} clusters, ${count("drifted")} drifted, ${count("clean")} clean, ${count("unreachable")} unreachable, ${count("error")} with bad input`;
  if (format !== "markdown") return `${line}\n`;
  const rows = outcomes.map((o) => {
    const s = o.report?.summary;
    return `| ${o.name} | ${status(o)} | ${s ? `${s.missing} / ${s.changed} / ${s.extra}` : ""} |`;
  });
  return [
    `### ${line}`,
    "",
    "| cluster | status | missing / changed / extra |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
