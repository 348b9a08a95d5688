import {
  bodyKey,
  DEFAULT_BODY_LIMIT,
  type DriftSummary,
  formatMarker,
  MARKER_VERSION,
  type PostureDelta,
  type PostureFindingLite,
  type PrMarker,
  parseMarker,
  renderBody,
  withMarker,
} from "./body.ts";
import { objectChanges } from "./changes.ts";
import { BotError } from "./errors.ts";
import { EMPTY_TREE_SHA, type FlatTree, flatTreeOf, rootTreeSha, subtree } from "./git-objects.ts";
import type { GitHost, PullInfo, RepoId, TreeWrite } from "./host.ts";

/** What to propose for one cluster, and where. */
export interface ClusterTarget {
  cluster: string;
  repository: { owner: string; name: string; branch: string; path: string };
  /** The rendered files, path (relative to the cluster's folder) → content. */
  files: ReadonlyMap<string, string>;
  posture?: PostureDelta | undefined;
  drift?: DriftSummary | undefined;
  /** Monorepo commit the render came from, shown in the body and the commit message. */
  source?: string | undefined;
}

/** Per-run budget shared by every cluster: PRs the run may still open. */
export interface RunBudget {
  newPulls: number;
}

export interface SyncOptions {
  /** Plan only: read the remote, make no write call. */
  dryRun?: boolean;
  /** Open new pull requests as drafts. */
  draft?: boolean;
  /** Labels for the bot's pull requests; default `fleet-baseline` and `cluster:<name>`. */
  labels?: string[];
  branchPrefix?: string;
  bodyLimit?: number;
  /** Base-branch files read back for diffs, per cluster; the rest are listed without diff. */
  maxDiffReads?: number;
  budget?: RunBudget;
  /** Re-read-and-decide rounds when the branch moves under the bot. */
  maxAttempts?: number;
  /**
   * Posture check over a cluster's files (path → YAML), for the posture delta in the body when a
   * target carries no `posture` of its own. The state before is rebuilt from the files read back
   * for diffs (unchanged files are the same on both sides), so it costs no extra API call; when
   * the diff cap left some unread, only the state after is shown.
   */
  assessPosture?: (
    cluster: string,
    files: ReadonlyMap<string, string>,
  ) => PostureFindingLite[] | undefined;
}

export type ClusterAction =
  | "unchanged"
  | "created"
  | "updated"
  | "closed"
  | "blocked"
  | "snoozed"
  | "deferred"
  | "would-create"
  | "would-update"
  | "would-close"
  | "would-sync";

export interface ClusterResult {
  cluster: string;
  repository: string;
  branch: string;
  base: string;
  path: string;
  action: ClusterAction;
  pull?: { number: number; url: string };
  files: { added: string[]; changed: string[]; removed: string[] };
  message: string;
  /** Whether GitHub reported the bot's new commit as signed ("Verified"). */
  verified?: boolean;
}

export const BLOCKED_LABEL = "fleet-baseline:blocked";
const BLOCKED_MARKER = "<!-- fleet-baseline:blocked v1 -->";
const CLOSED_MARKER = "<!-- fleet-baseline:closed v1 -->";
const RETRY = Symbol("retry");

function trailers(message: string, cluster: string): { tree: string; base: string } | undefined {
  const get = (name: string) => new RegExp(`^${name}: (\\S+)$`, "m").exec(message)?.[1];
  if (get("Fleet-Baseline-Cluster") !== cluster) return undefined;
  const tree = get("Fleet-Baseline-Tree");
  const base = get("Fleet-Baseline-Base");
  return tree && base ? { tree, base } : undefined;
}

function diffFlat(base: FlatTree, desired: FlatTree) {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [path, entry] of desired) {
    const old = base.get(path);
    if (!old) added.push(path);
    else if (old.sha !== entry.sha || old.mode !== entry.mode) changed.push(path);
  }
  for (const path of base.keys()) if (!desired.has(path)) removed.push(path);
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

function assessPosture(
  assess: SyncOptions["assessPosture"],
  cluster: string,
  files: ReadonlyMap<string, string>,
  changed: { added: string[]; changed: string[]; removed: string[] },
  oldContents: ReadonlyMap<string, string>,
): PostureDelta | undefined {
  if (!assess) return undefined;
  const after = assess(cluster, files);
  if (!after) return undefined;
  const complete = [...changed.changed, ...changed.removed].every((p) => oldContents.has(p));
  if (!complete) return { after };
  const before = new Map(files);
  for (const p of changed.added) before.delete(p);
  for (const p of [...changed.changed, ...changed.removed])
    before.set(p, oldContents.get(p) as string);
  const previous = assess(cluster, before);
  return previous ? { before: previous, after } : { after };
}

/** Files the bot manages under a cluster's path: manifests, never hidden paths. */
export function isManaged(path: string): boolean {
  return /\.(ya?ml|json)$/.test(path) && !path.split("/").some((seg) => seg.startsWith("."));
}

/** The whole repository tree once the managed files under `prefix` are the desired ones. */
function withDesired(tree: FlatTree, prefix: string, desired: FlatTree): FlatTree {
  const lead = prefix ? `${prefix}/` : "";
  const out: FlatTree = new Map();
  for (const [p, e] of tree) {
    if (!(p.startsWith(lead) && isManaged(p.slice(lead.length)))) out.set(p, e);
  }
  for (const [p, e] of desired) out.set(`${lead}${p}`, e);
  return out;
}

const stripMarker = (body: string) =>
  body.replace(/<!-- fleet-baseline:pr v\d+ \{.*?\} -->\n?/s, "");

/**
 * Brings one cluster's pull request in line with its rendered files: opens it, updates it in
 * place, closes it when the change is no longer needed, or does nothing, with as few calls as the
 * situation allows (unchanged: two or three reads, no write). Never pushes over a commit it did
 * not make: branch moves are fast-forwards (a compare-and-swap on the bot's last commit), and a
 * person's commit on the branch stops the bot for that pull request, with one comment.
 */
export async function syncCluster(
  host: GitHost,
  target: ClusterTarget,
  options: SyncOptions = {},
): Promise<ClusterResult> {
  const attempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const outcome = await syncOnce(host, target, options);
    if (outcome !== RETRY) return outcome;
    if (attempt >= attempts) {
      throw new BotError(
        "CONFLICT",
        `branch ${(options.branchPrefix ?? "fleet-baseline/") + target.cluster} of ${target.repository.owner}/${target.repository.name} kept moving while the bot wrote to it (${attempt} attempts)`,
        { hint: "another run or a person is pushing to it; the next run will try again" },
      );
    }
  }
}

async function syncOnce(
  host: GitHost,
  target: ClusterTarget,
  options: SyncOptions,
): Promise<ClusterResult | typeof RETRY> {
  const { cluster, files } = target;
  const { owner, name, branch: base, path } = target.repository;
  const repo: RepoId = { owner, name };
  const branch = (options.branchPrefix ?? "fleet-baseline/") + cluster;
  const labels = options.labels ?? ["fleet-baseline", `cluster:${cluster}`];
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const dryRun = options.dryRun === true;
  const desired = flatTreeOf(files);
  const desiredTree = files.size ? rootTreeSha(desired) : EMPTY_TREE_SHA;
  const title = `fleet-baseline: rendered manifests for cluster ${cluster}`;
  const keyFor = (baseTree: string) =>
    bodyKey({
      v: MARKER_VERSION,
      cluster,
      baseTree,
      tree: desiredTree,
      title,
      limit,
      posture: target.posture ?? (options.assessPosture ? "assessed" : null),
      drift: target.drift ?? null,
      labels,
    });
  const none = { added: [], changed: [], removed: [] };
  const result = (
    action: ClusterAction,
    message: string,
    extra: Partial<ClusterResult> = {},
  ): ClusterResult => ({
    cluster,
    repository: `${owner}/${name}`,
    branch,
    base,
    path,
    action,
    files: none,
    message,
    ...extra,
  });
  const pullRef = (p: PullInfo) => ({ pull: { number: p.number, url: p.url } });

  const pulls = await host.listPulls(repo, branch, base);
  const open = pulls.find((p) => p.state === "open" && p.headRef === branch && p.baseRef === base);
  if (open?.labels.includes(BLOCKED_LABEL)) {
    return result(
      "blocked",
      `pull request #${open.number} has commits by someone else; the bot leaves it alone`,
      pullRef(open),
    );
  }
  const marker = open ? parseMarker(open.body) : undefined;
  if (open && !marker) {
    return block(open, "its description no longer carries the bot's marker");
  }

  if (!open) {
    const last = pulls.find((p) => p.state === "closed" && !p.merged && p.headRef === branch);
    const lastMarker = last ? parseMarker(last.body) : undefined;
    if (last && lastMarker && lastMarker.closedBy !== "bot" && lastMarker.tree === desiredTree) {
      return result(
        "snoozed",
        `pull request #${last.number} with this content was closed by a person; the bot waits until the rendered state changes`,
        pullRef(last),
      );
    }
  }

  const baseSha = await host.getBranch(repo, base);
  if (!baseSha) {
    throw new BotError("NOT_FOUND", `base branch ${base} does not exist in ${owner}/${name}`, {
      hint: `create it, or set spec.repository.branch in clusters/${cluster}/cluster.yaml`,
    });
  }

  // The bot's commit at the head of its branch, and what it was built from.
  let own: { head: string; base: string; tree: string } | undefined;
  if (open && marker) {
    if (open.headSha === marker.head) {
      own = { head: marker.head, base: marker.base, tree: marker.tree };
    } else {
      const commit = await host.getCommit(repo, open.headSha);
      const t = trailers(commit.message, cluster);
      if (!t)
        return block(
          open,
          `commit ${commit.sha.slice(0, 12)} on ${branch} was not made by the bot`,
        );
      own = { head: commit.sha, ...t };
    }
    if (
      own.head === marker.head &&
      baseSha === marker.base &&
      marker.tree === desiredTree &&
      marker.key === keyFor(marker.baseTree)
    ) {
      return result("unchanged", `pull request #${open.number} is up to date`, pullRef(open));
    }
  }

  const listing = await host.getTree(repo, baseSha);
  // Only manifests (YAML, JSON) outside hidden folders are the bot's: a README, CODEOWNERS or
  // .github/ next to them is never touched.
  const baseFiles: FlatTree = new Map(
    [...subtree(listing.files, path)].filter(([p]) => isManaged(p) || files.has(p)),
  );
  const baseTree = baseFiles.size ? rootTreeSha(baseFiles) : EMPTY_TREE_SHA;
  const key = keyFor(baseTree);
  if (
    open &&
    marker &&
    own?.head === marker.head &&
    marker.baseTree === baseTree &&
    marker.tree === desiredTree &&
    marker.key === key
  ) {
    return result(
      "unchanged",
      `pull request #${open.number} is up to date (the base moved elsewhere)`,
      pullRef(open),
    );
  }

  const changed = diffFlat(baseFiles, desired);
  if (baseTree === desiredTree) {
    if (!open || !marker) return result("unchanged", `${base} already holds the rendered state`);
    if (dryRun)
      return result(
        "would-close",
        `would close pull request #${open.number}: ${base} already holds the rendered state`,
        pullRef(open),
      );
    await host.createComment(
      repo,
      open.number,
      `${CLOSED_MARKER}\n${base} (\`${baseSha.slice(0, 12)}\`) now holds the rendered state of cluster \`${cluster}\`, so this change is no longer needed. Closing it and deleting \`${branch}\`.`,
    );
    await host.updatePull(repo, open.number, {
      state: "closed",
      body: withMarker(stripMarker(open.body), { ...marker, closedBy: "bot" }),
    });
    await host.deleteBranch(repo, branch);
    return result("closed", `closed pull request #${open.number}: no longer needed`, pullRef(open));
  }
  if (!open && options.budget && options.budget.newPulls <= 0) {
    return result(
      "deferred",
      "the cap on pull requests opened per run is reached; the next run opens this one",
      { files: changed },
    );
  }

  const oldContents = new Map<string, string>();
  const changes = await objectChanges(
    changed,
    files,
    async (p) => host.readBlob(repo, (baseFiles.get(p) as { sha: string }).sha),
    options.maxDiffReads ?? 100,
    oldContents,
  );
  const posture =
    target.posture ?? assessPosture(options.assessPosture, cluster, files, changed, oldContents);
  const draftMarker: PrMarker = {
    v: MARKER_VERSION,
    cluster,
    base: baseSha,
    baseTree,
    tree: desiredTree,
    head: "0".repeat(40),
    key,
    labels: [...new Set([...(marker?.labels ?? []), ...labels])],
  };
  const text = renderBody(
    {
      cluster,
      repository: `${owner}/${name}`,
      branch,
      base,
      path,
      changes,
      posture,
      drift: target.drift,
      source: target.source,
      limit,
    },
    formatMarker(draftMarker).length + 64,
  );
  if (dryRun) {
    return open
      ? result("would-update", `would update pull request #${open.number}`, {
          files: changed,
          ...pullRef(open),
        })
      : result("would-create", `would open a pull request from ${branch}`, { files: changed });
  }

  let existing = own?.head;
  if (!open) {
    existing = await host.getBranch(repo, branch);
    if (existing) {
      const commit = await host.getCommit(repo, existing);
      const t = trailers(commit.message, cluster);
      if (!t) {
        // Someone else's commit on the bot's branch, and no pull request to comment on.
        return result(
          "blocked",
          `branch ${branch} holds commits the bot did not make and no pull request is open; delete the branch to let the bot propose this cluster again`,
          { files: changed },
        );
      }
      own = { head: existing, ...t };
    }
  }

  let head: string;
  let verified: boolean | undefined;
  if (existing && own && own.tree === desiredTree && own.base === baseSha) {
    head = existing; // already pushed by an earlier or concurrent run: no empty commit
  } else {
    const writes: TreeWrite[] = [
      ...[...changed.added, ...changed.changed].map((p) => ({
        path: path ? `${path}/${p}` : p,
        mode: "100644" as const,
        content: files.get(p) as string,
      })),
      ...changed.removed.map((p) => ({
        path: path ? `${path}/${p}` : p,
        mode: (baseFiles.get(p) as { mode: "100644" }).mode,
        content: null,
      })),
    ];
    const tree = await host.createTree(repo, listing.sha, writes);
    const expected = rootTreeSha(withDesired(listing.files, path, desired));
    if (tree !== expected) {
      throw new BotError(
        "INTERNAL",
        `GitHub built tree ${tree} where the bot computed ${expected} for ${owner}/${name}`,
      );
    }
    const parents =
      existing && own ? (own.base === baseSha ? [existing] : [existing, baseSha]) : [baseSha];
    const commit = await host.createCommit(repo, {
      message:
        `fleet-baseline: render cluster ${cluster}\n\n` +
        `${changed.added.length} added, ${changed.changed.length} changed, ${changed.removed.length} removed${target.source ? ` (fleet commit ${target.source})` : ""}.\n\n` +
        `Fleet-Baseline-Cluster: ${cluster}\nFleet-Baseline-Tree: ${desiredTree}\nFleet-Baseline-Base: ${baseSha}\n`,
      tree,
      parents,
    });
    head = commit.sha;
    verified = commit.verified;
    const moved = existing
      ? (await host.moveBranch(repo, branch, head)) === "moved"
      : (await host.createBranch(repo, branch, head)) === "created";
    if (!moved) return RETRY;
  }

  if (open && marker) {
    const toAdd = labels.filter((l) => !open.labels.includes(l) && !marker.labels.includes(l));
    const body = withMarker(text, {
      ...draftMarker,
      head,
      labels: [...new Set([...marker.labels, ...toAdd])],
    });
    if (body !== open.body || title !== open.title)
      await host.updatePull(repo, open.number, { title, body });
    await host.addLabels(repo, open.number, toAdd);
    return result("updated", `updated pull request #${open.number}`, {
      files: changed,
      ...pullRef(open),
      ...(verified === undefined ? {} : { verified }),
    });
  }
  const created = await host.createPull(repo, {
    title,
    body: withMarker(text, { ...draftMarker, head, labels }),
    head: branch,
    base,
    draft: options.draft === true,
  });
  if (created === "exists") return RETRY; // opened meanwhile by a concurrent run: adopt it
  if (options.budget) options.budget.newPulls--;
  await host.addLabels(repo, created.number, labels);
  return result("created", `opened pull request #${created.number}`, {
    files: changed,
    ...pullRef(created),
    ...(verified === undefined ? {} : { verified }),
  });

  async function block(pull: PullInfo, why: string): Promise<ClusterResult> {
    if (!dryRun) {
      const comments = await host.listComments(repo, pull.number);
      if (!comments.some((c) => c.includes(BLOCKED_MARKER))) {
        await host.createComment(
          repo,
          pull.number,
          `${BLOCKED_MARKER}\nfleet-baseline stopped updating this pull request: ${why}. It will not push to \`${branch}\` again. To hand it back to the bot, close this pull request and delete the branch; the next run opens a fresh one.`,
        );
      }
      await host.addLabels(repo, pull.number, [BLOCKED_LABEL]);
    }
    return result(
      "blocked",
      `pull request #${pull.number}: ${why}; the bot leaves it alone`,
      pullRef(pull),
    );
  }
}

/**
 * The plan when the remote cannot be read (no credentials, no network): every rendered file would
 * be written, and the pull request created or updated as needed.
 */
export function planOffline(target: ClusterTarget, options: SyncOptions = {}): ClusterResult {
  const { owner, name, branch: base, path } = target.repository;
  return {
    cluster: target.cluster,
    repository: `${owner}/${name}`,
    branch: (options.branchPrefix ?? "fleet-baseline/") + target.cluster,
    base,
    path,
    action: "would-sync",
    files: { added: [...target.files.keys()].sort(), changed: [], removed: [] },
    message:
      "remote not read (no GitHub credentials): would compare these files with the base branch, then open, update or close the pull request as needed",
  };
}
