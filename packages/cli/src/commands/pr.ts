import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type {
  ClusterResult,
  ClusterTarget,
  DriftSummary,
  PostureDelta,
  PostureFindingLite,
} from "@fleet-baseline/bot";
import {
  DEFAULT_FLEET_CONFIG,
  FleetError,
  type KubeObject,
  parseClusterConfig,
  parseFleetConfig,
  parseManifests,
} from "@fleet-baseline/model";
import { defineCommand } from "../command.ts";
import type { CliIo } from "../io.ts";
import { allClusters, CLUSTER_OPTIONS, knownClusters, parseFlags, repoRoot } from "../options.ts";

const usage = `usage: fleet-baseline pr [--cluster NAME]... [--all] [--dry-run] [--github-api-url URL]
                         [--draft] [--max-new-pulls N] [--label NAME]...
                         [--drift-report FILE] [--only-drifted] [--posture-report FILE]
                         [--posture-base-report FILE] [--root DIR]

Proposes each cluster's committed render (rendered/<cluster>/) to the repository named in its
cluster.yaml (spec.repository: owner, name, branch, path): one branch fleet-baseline/<cluster> and
one pull request per cluster, updated in place, closed when no longer needed. Nothing is written
when nothing changed.

  --cluster NAME            propose this cluster (repeatable)
  --all                     every cluster with a spec.repository
  --dry-run                 print the plan (repository, branch, files, PR action); no write call.
                            Without credentials it reads nothing either and plans against an
                            unknown remote
  --github-api-url URL      API root (GitHub Enterprise Server: https://HOST/api/v3);
                            default $GITHUB_API_URL, else https://api.github.com
  --draft                   open new pull requests as drafts
  --max-new-pulls N         pull requests this run may open (default 10); the rest wait
  --label NAME              labels to set (repeatable; default fleet-baseline, cluster:<name>)
  --drift-report FILE       drift JSON (fleet-baseline drift --format json) for the PR body
  --only-drifted            only clusters the drift report shows drifted
  --posture-report FILE     posture JSON of the rendered state for the PR body, instead of the
                            bot's own check (fleet.yaml parameters, before and after its change);
                            {cluster} in FILE stands for the cluster's name (missing: skipped)
  --posture-base-report FILE  with --posture-report: the state before, for the delta
  --root DIR                repository root (default: the current directory)

Credentials come from the environment only: GITHUB_TOKEN, or a GitHub App through
GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID. They are never printed.
Exit codes: 0 done, 1 some cluster failed (the others still ran), 2 bad input.`;

/** What the command reaches the network through; tests inject the GitHub emulator. */
export interface PrDeps {
  fetch?: typeof fetch;
  throttle?: { enabled: false } | { retryAfterBaseValue: number };
}

export const prCommand = defineCommand({
  name: "pr",
  summary: "open or update one pull request per cluster with its rendered manifests",
  usage,
  run: (argv, io) => runPr(argv, io),
});

export async function runPr(argv: string[], io: CliIo, deps: PrDeps = {}): Promise<number> {
  const values = parseFlags(argv, {
    ...CLUSTER_OPTIONS,
    all: { type: "boolean" },
    "dry-run": { type: "boolean" },
    "github-api-url": { type: "string" },
    draft: { type: "boolean" },
    "max-new-pulls": { type: "string" },
    label: { type: "string", multiple: true },
    "drift-report": { type: "string" },
    "only-drifted": { type: "boolean" },
    "posture-report": { type: "string" },
    "posture-base-report": { type: "string" },
  });
  const dryRun = values["dry-run"] === true;
  const maxNew = Number(values["max-new-pulls"] ?? "10");
  if (!Number.isInteger(maxNew) || maxNew < 0) {
    throw new FleetError(
      "USAGE",
      `--max-new-pulls must be a whole number, not "${values["max-new-pulls"]}"`,
    );
  }
  if (!values.all && !values.cluster?.length) {
    throw new FleetError("USAGE", "no cluster selected", { hint: "pass --cluster NAME or --all" });
  }
  const root = repoRoot(io, values.root);
  const drift = values["drift-report"]
    ? readDrift(resolve(io.cwd, values["drift-report"]))
    : undefined;
  if (values["only-drifted"] && !drift) {
    throw new FleetError("USAGE", "--only-drifted needs --drift-report FILE");
  }
  const apiUrl = values["github-api-url"] ?? io.env.GITHUB_API_URL ?? "https://api.github.com";
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new FleetError("USAGE", `--github-api-url must be an http(s) URL, not "${apiUrl}"`);
  }

  const targets: ClusterTarget[] = [];
  for (const name of selectClusters(root, values.cluster, values.all === true)) {
    const file = join(root, "clusters", name, "cluster.yaml");
    const config = parseClusterConfig(readFileSync(file, "utf8"), relative(io.cwd, file) || file);
    if (!config.repository) {
      if (values.all) {
        io.stderr(`fleet-baseline pr: ${name}: no spec.repository in its cluster.yaml; skipped\n`);
        continue;
      }
      throw new FleetError("BAD_CONFIG", `cluster ${name} has no spec.repository`, {
        file,
        field: "spec.repository",
        hint: "name the repository (owner, name, branch, path) the bot proposes this cluster to",
      });
    }
    const clusterDrift = drift
      ? driftFor(drift, name, values.cluster?.length === 1 && !values.all)
      : undefined;
    if (values["only-drifted"] && !clusterDrift?.drifted) continue;
    const postureAfter = readPosture(io.cwd, values["posture-report"], name);
    const postureBefore = readPosture(io.cwd, values["posture-base-report"], name);
    const posture: PostureDelta | undefined = postureAfter
      ? {
          after: postureAfter.findings,
          ...(postureBefore ? { before: postureBefore.findings } : {}),
        }
      : undefined;
    targets.push({
      cluster: name,
      repository: config.repository,
      files: readRendered(root, name),
      drift: clusterDrift,
      posture,
      source: io.env.GITHUB_SHA,
    });
  }

  const bot = await import("@fleet-baseline/bot");
  let auth: ReturnType<typeof bot.authFromEnv>;
  try {
    auth = bot.authFromEnv(io.env);
  } catch (error) {
    if (bot.isBotError(error)) throw new FleetError("USAGE", error.message);
    throw error;
  }
  const assessPosture =
    values["posture-report"] === undefined ? await postureAssessor(root, io) : undefined;
  const options = {
    ...(assessPosture ? { assessPosture } : {}),
    dryRun,
    draft: values.draft === true,
    budget: { newPulls: maxNew },
    ...(values.label?.length ? { labels: values.label } : {}),
  };
  if (!auth) {
    if (!dryRun) {
      throw new FleetError("USAGE", "no GitHub credentials in the environment", {
        hint: "set GITHUB_TOKEN, or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID; or pass --dry-run",
      });
    }
    io.stdout(
      "dry run without GitHub credentials: the remote is not read; planning against an unknown remote\n\n",
    );
    for (const t of targets) io.stdout(formatResult(bot.planOffline(t, options), true));
    io.stdout(`\n${targets.length} cluster(s) planned, nothing written\n`);
    return 0;
  }

  const octokit = bot.createOctokit({
    auth,
    baseUrl: apiUrl,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.throttle ? { throttle: deps.throttle } : {}),
    log: { warn: (m) => io.stderr(`fleet-baseline pr: ${m}\n`) },
  });
  if (dryRun) {
    // Belt and braces: a dry run refuses any write before it leaves the process.
    octokit.hook.before("request", (request) => {
      if (request.method !== "GET" && request.method !== "HEAD") {
        throw new bot.BotError("INTERNAL", `dry run: refused ${request.method} ${request.url}`);
      }
    });
  }
  const host = bot.createGitHubHost(octokit);
  let failed = 0;
  for (const target of targets) {
    try {
      io.stdout(formatResult(await bot.syncCluster(host, target, options), dryRun));
    } catch (error) {
      if (!bot.isBotError(error) && !(error instanceof FleetError)) throw error;
      failed++;
      const hint = bot.isBotError(error) && error.hint ? `\n  hint: ${error.hint}` : "";
      io.stderr(`fleet-baseline pr: cluster ${target.cluster}: ${error.message}${hint}\n`);
    }
  }
  io.stdout(
    `\n${targets.length} cluster(s), ${failed} failed${dryRun ? ", nothing written (dry run)" : ""}\n`,
  );
  return failed ? 1 : 0;
}

function selectClusters(root: string, names: string[] | undefined, all: boolean): string[] {
  if (all) return allClusters(root);
  const dir = join(root, "clusters");
  const known = knownClusters(root);
  for (const name of names ?? []) {
    if (!known.includes(name)) {
      throw new FleetError("NOT_FOUND", `unknown cluster "${name}"`, {
        file: join(dir, name, "cluster.yaml"),
        hint: known.length
          ? `known clusters: ${known.join(", ")}`
          : "run from the repository root or pass --root DIR",
      });
    }
  }
  return [...new Set(names)];
}

/** Every file of rendered/<cluster>/ (index.json included), path relative to it → content. */
function readRendered(root: string, cluster: string): Map<string, string> {
  const dir = join(root, "rendered", cluster);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new FleetError("NOT_FOUND", `no rendered output for cluster ${cluster}`, {
      file: dir,
      hint: "run `fleet-baseline render` (npm run render) and commit rendered/ first",
    });
  }
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) files.set(rel, readFileSync(join(dir, rel), "utf8"));
    }
  };
  walk("");
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface DriftFile {
  drifted?: boolean;
  changes?: (DriftSummary["changes"][number] & { cluster?: string })[];
  clusters?: { name: string; status: string }[];
}

/**
 * A JSON report another subcommand wrote, with its `list` field an array; else BAD_CONFIG naming
 * the report (`what`) and the `hint`.
 */
function readReport<T>(file: string, list: string, what: string, hint: string): T {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    if (!Array.isArray(data[list])) throw new Error(`no ${list} array`);
    return data as T;
  } catch (error) {
    throw new FleetError("BAD_CONFIG", `cannot read the ${what}: ${(error as Error).message}`, {
      file,
      hint,
    });
  }
}

function readDrift(file: string): DriftFile {
  return readReport(
    file,
    "changes",
    "drift report",
    "pass the output of `fleet-baseline drift --format json`",
  );
}

/** One cluster's drift: fleet reports tag changes with `cluster`; a single report is one cluster's. */
function driftFor(report: DriftFile, cluster: string, single: boolean): DriftSummary | undefined {
  const changes = report.changes ?? [];
  const fleet = report.clusters !== undefined || changes.some((c) => c.cluster !== undefined);
  if (!fleet && !single) return undefined;
  const mine = fleet ? changes.filter((c) => c.cluster === cluster) : changes;
  const status = report.clusters?.find((c) => c.name === cluster)?.status;
  if (fleet && !mine.length && status === undefined) return undefined;
  return {
    drifted: fleet ? mine.length > 0 || status === "drifted" : report.drifted === true,
    changes: mine.map(({ type, kind, namespace, name, path, weakens }) => ({
      type,
      kind,
      name,
      ...(namespace ? { namespace } : {}),
      ...(path ? { path } : {}),
      ...(weakens ? { weakens } : {}),
    })),
  };
}

type PostureFile = { findings: PostureFindingLite[] };

/**
 * A posture JSON report (`fleet-baseline posture --format json`, one cluster's). `{cluster}` in
 * the path stands for the cluster's name; such a file that is missing or empty is skipped.
 */
function readPosture(
  cwd: string,
  path: string | undefined,
  cluster: string,
): PostureFile | undefined {
  if (!path) return undefined;
  const templated = path.includes("{cluster}");
  const file = resolve(cwd, path.replaceAll("{cluster}", cluster));
  if (templated && (!existsSync(file) || statSync(file).size === 0)) return undefined;
  return readReport(
    file,
    "findings",
    "posture report",
    "pass the output of `fleet-baseline posture --format json` for one cluster; {cluster} in the path stands for its name",
  );
}

/**
 * The posture check the bot runs on a cluster's files before and after its change (the delta in
 * the PR body), with the fleet parameters of fleet.yaml. Files that do not parse are left out.
 */
async function postureAssessor(
  root: string,
  io: CliIo,
): Promise<
  (cluster: string, files: ReadonlyMap<string, string>) => PostureFindingLite[] | undefined
> {
  const { checkPosture } = await import("@fleet-baseline/posture");
  const fleetFile = join(root, "fleet.yaml");
  const config = existsSync(fleetFile)
    ? parseFleetConfig(readFileSync(fleetFile, "utf8"), fleetFile)
    : DEFAULT_FLEET_CONFIG;
  const now = new Date();
  return (cluster, files) => {
    const objects: KubeObject[] = [];
    for (const [path, text] of files) {
      if (!/\.ya?ml$/.test(path)) continue;
      try {
        for (const m of parseManifests(text, path)) objects.push(m.object);
      } catch {
        // Not a manifest (or not valid YAML): nothing for posture to judge.
      }
    }
    try {
      return checkPosture(objects, { config, now, cluster }).findings.map((f) => ({
        control: f.control,
        severity: f.severity,
        status: f.status,
        kind: f.kind,
        namespace: f.namespace,
        name: f.name,
      }));
    } catch (error) {
      // The posture section is an aid to reviewers: leave it out rather than fail the cluster.
      io.stderr(
        `fleet-baseline pr: ${cluster}: posture check failed, PR body without it: ${(error as Error).message}\n`,
      );
      return undefined;
    }
  };
}

function formatResult(r: ClusterResult, dryRun: boolean): string {
  const where = r.path ? `${r.path}/` : "(root)";
  const lines = [
    `${r.cluster} → ${r.repository} ${where} (base ${r.base}, branch ${r.branch})`,
    `  pull request: ${r.action}${r.pull ? ` #${r.pull.number} ${r.pull.url}` : ""}: ${r.message}`,
  ];
  const { added, changed, removed } = r.files;
  if (r.verified === false) {
    lines.push(
      "  note: GitHub did not sign the commit (token auth); a GitHub App's commits are Verified",
    );
  }
  if (added.length + changed.length + removed.length) {
    lines.push(
      `  files: ${added.length} to add, ${changed.length} to change, ${removed.length} to remove`,
    );
    if (dryRun) {
      const prefix = r.path ? `${r.path}/` : "";
      for (const p of added) lines.push(`    + ${prefix}${p}`);
      for (const p of changed) lines.push(`    ~ ${prefix}${p}`);
      for (const p of removed) lines.push(`    - ${prefix}${p}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
