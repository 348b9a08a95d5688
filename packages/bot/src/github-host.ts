import { BotError } from "./errors.ts";
import type { FlatTree, GitMode } from "./git-objects.ts";
import type { CommitInfo, GitHost, PullInfo, RepoId, TreeListing, TreeWrite } from "./host.ts";
import type { BotOctokit } from "./octokit.ts";

/** Tree entries per create-tree call; larger changes are chained through `base_tree`. */
const TREE_CHUNK = 100;

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return typeof (error as { status?: unknown })?.status === "number";
}

/** Turns an octokit failure into a BotError that names the call and never carries headers. */
function fail(what: string, error: unknown): never {
  if (!isRequestError(error)) throw error;
  const data = error.response?.data as
    | { message?: string; errors?: { message?: string }[] }
    | undefined;
  const detail = [data?.message, ...(data?.errors ?? []).map((e) => e.message)]
    .filter(Boolean)
    .join(": ")
    .split("\n")[0];
  const message = `${what}: GitHub answered ${error.status}${detail ? ` (${detail})` : ""}`;
  if (error.status === 422 && /rule violation/i.test(data?.message ?? "")) {
    throw new BotError("RULESET_VIOLATION", message, {
      status: 422,
      hint: "a repository ruleset or push protection refused the write; allow the bot's branch or fix the content",
      cause: error,
    });
  }
  if (
    (error.status === 403 || error.status === 429) &&
    /rate limit/i.test(data?.message ?? error.message)
  ) {
    throw new BotError("RATE_LIMITED", message, {
      status: error.status,
      hint: "the bot will continue on its next run",
      cause: error,
    });
  }
  if (error.status === 404) throw new BotError("NOT_FOUND", message, { status: 404, cause: error });
  throw new BotError("GITHUB_API", message, { status: error.status, cause: error });
}

function dataMessage(error: unknown): string {
  if (!isRequestError(error)) return "";
  const data = error.response?.data as
    | { message?: string; errors?: { message?: string }[] }
    | undefined;
  return [data?.message ?? "", ...(data?.errors ?? []).map((e) => e.message ?? "")].join(" ");
}

/** The Git host over GitHub's REST API (Git Data API for commits), through one composed octokit. */
export function createGitHubHost(octokit: BotOctokit): GitHost {
  const r = (repo: RepoId) => ({ owner: repo.owner, repo: repo.name });

  function pullInfo(p: {
    number: number;
    state: string;
    merged_at: string | null;
    draft?: boolean;
    title: string;
    body: string | null;
    head: { ref: string; sha: string };
    base: { ref: string };
    labels: { name?: string }[];
    html_url: string;
  }): PullInfo {
    return {
      number: p.number,
      state: p.state === "open" ? "open" : "closed",
      merged: p.merged_at !== null,
      draft: p.draft === true,
      title: p.title,
      body: p.body ?? "",
      headRef: p.head.ref,
      headSha: p.head.sha,
      baseRef: p.base.ref,
      labels: p.labels.map((l) => l.name ?? "").filter(Boolean),
      url: p.html_url,
    };
  }

  async function listTree(repo: RepoId, sha: string): Promise<TreeListing> {
    const { data } = await octokit.rest.git.getTree({ ...r(repo), tree_sha: sha, recursive: "1" });
    if (data.truncated) return walkTree(repo, data.sha);
    const files: FlatTree = new Map();
    const dirs = new Map<string, string>([["", data.sha]]);
    for (const e of data.tree) {
      if (!e.path || !e.sha) continue;
      if (e.type === "tree") dirs.set(e.path, e.sha);
      else
        files.set(e.path, {
          mode: e.mode as GitMode,
          type: e.type === "commit" ? "commit" : "blob",
          sha: e.sha,
        });
    }
    return { sha: data.sha, files, dirs };
  }

  /** A recursive listing GitHub truncated (over 100,000 entries or 7 MB): walk it level by level. */
  async function walkTree(repo: RepoId, root: string): Promise<TreeListing> {
    const files: FlatTree = new Map();
    const dirs = new Map<string, string>([["", root]]);
    const queue: [string, string][] = [["", root]];
    while (queue.length) {
      const [prefix, sha] = queue.shift() as [string, string];
      const { data } = await octokit.rest.git.getTree({ ...r(repo), tree_sha: sha });
      for (const e of data.tree) {
        if (!e.path || !e.sha) continue;
        const path = prefix ? `${prefix}/${e.path}` : e.path;
        if (e.type === "tree") {
          dirs.set(path, e.sha);
          queue.push([path, e.sha]);
        } else
          files.set(path, {
            mode: e.mode as GitMode,
            type: e.type === "commit" ? "commit" : "blob",
            sha: e.sha,
          });
      }
    }
    return { sha: root, files, dirs };
  }

  return {
    async listPulls(repo, branch, base) {
      try {
        const { data } = await octokit.rest.pulls.list({
          ...r(repo),
          head: `${repo.owner}:${branch}`,
          base,
          state: "all",
          per_page: 20,
        });
        return data.map(pullInfo);
      } catch (e) {
        fail(`listing pull requests of ${repo.owner}/${repo.name}`, e);
      }
    },
    async getBranch(repo, branch) {
      try {
        const { data } = await octokit.rest.git.getRef({ ...r(repo), ref: `heads/${branch}` });
        return data.object.sha;
      } catch (e) {
        if (isRequestError(e) && e.status === 404) return undefined;
        fail(`reading branch ${branch} of ${repo.owner}/${repo.name}`, e);
      }
    },
    async getTree(repo, sha) {
      try {
        return await listTree(repo, sha);
      } catch (e) {
        fail(`reading tree ${sha.slice(0, 12)} of ${repo.owner}/${repo.name}`, e);
      }
    },
    async getCommit(repo, sha): Promise<CommitInfo> {
      try {
        const { data } = await octokit.rest.git.getCommit({ ...r(repo), commit_sha: sha });
        return {
          sha: data.sha,
          message: data.message,
          parents: data.parents.map((p) => p.sha),
          tree: data.tree.sha,
        };
      } catch (e) {
        fail(`reading commit ${sha.slice(0, 12)} of ${repo.owner}/${repo.name}`, e);
      }
    },
    async readBlob(repo, sha) {
      try {
        const { data } = await octokit.rest.git.getBlob({ ...r(repo), file_sha: sha });
        return data.encoding === "base64"
          ? Buffer.from(data.content, "base64").toString("utf8")
          : data.content;
      } catch (e) {
        fail(`reading blob ${sha.slice(0, 12)} of ${repo.owner}/${repo.name}`, e);
      }
    },
    async createTree(repo, baseTree, entries: TreeWrite[]) {
      let tree = baseTree;
      try {
        for (let i = 0; i < entries.length || i === 0; i += TREE_CHUNK) {
          const chunk = entries
            .slice(i, i + TREE_CHUNK)
            .map((e) =>
              e.content === null
                ? { path: e.path, mode: e.mode, type: "blob" as const, sha: null }
                : { path: e.path, mode: e.mode, type: "blob" as const, content: e.content },
            );
          const { data } = await octokit.rest.git.createTree({
            ...r(repo),
            base_tree: tree,
            tree: chunk,
          });
          tree = data.sha;
          if (entries.length === 0) break;
        }
        return tree;
      } catch (e) {
        fail(`writing a tree to ${repo.owner}/${repo.name}`, e);
      }
    },
    async createCommit(repo, commit) {
      try {
        // No author, committer or signature: GitHub then signs the commit as the app.
        const { data } = await octokit.rest.git.createCommit({ ...r(repo), ...commit });
        return { sha: data.sha, verified: data.verification?.verified === true };
      } catch (e) {
        fail(`writing a commit to ${repo.owner}/${repo.name}`, e);
      }
    },
    async createBranch(repo, branch, sha) {
      try {
        await octokit.rest.git.createRef({ ...r(repo), ref: `refs/heads/${branch}`, sha });
        return "created";
      } catch (e) {
        if (isRequestError(e) && e.status === 422 && /already exists/i.test(dataMessage(e))) {
          return "exists";
        }
        fail(`creating branch ${branch} in ${repo.owner}/${repo.name}`, e);
      }
    },
    async moveBranch(repo, branch, sha) {
      try {
        await octokit.rest.git.updateRef({ ...r(repo), ref: `heads/${branch}`, sha, force: false });
        return "moved";
      } catch (e) {
        if (
          isRequestError(e) &&
          e.status === 422 &&
          /not a fast forward|does not exist|update failed/i.test(dataMessage(e))
        ) {
          return "conflict";
        }
        fail(`moving branch ${branch} in ${repo.owner}/${repo.name}`, e);
      }
    },
    async deleteBranch(repo, branch) {
      try {
        await octokit.rest.git.deleteRef({ ...r(repo), ref: `heads/${branch}` });
      } catch (e) {
        if (isRequestError(e) && e.status === 422 && /does not exist/i.test(dataMessage(e))) return;
        fail(`deleting branch ${branch} in ${repo.owner}/${repo.name}`, e);
      }
    },
    async createPull(repo, pull) {
      try {
        const { data } = await octokit.rest.pulls.create({ ...r(repo), ...pull });
        return pullInfo(data);
      } catch (e) {
        if (isRequestError(e) && e.status === 422 && /already exists/i.test(dataMessage(e))) {
          return "exists";
        }
        fail(`opening a pull request in ${repo.owner}/${repo.name}`, e);
      }
    },
    async updatePull(repo, number, patch) {
      try {
        await octokit.rest.pulls.update({ ...r(repo), pull_number: number, ...patch });
      } catch (e) {
        fail(`updating pull request #${number} in ${repo.owner}/${repo.name}`, e);
      }
    },
    async addLabels(repo, number, labels) {
      if (labels.length === 0) return;
      const add = () => octokit.rest.issues.addLabels({ ...r(repo), issue_number: number, labels });
      try {
        await add();
      } catch (e) {
        // Right after a PR is opened GitHub may not resolve it yet (eventual consistency): once more.
        if (isRequestError(e) && e.status === 422 && /resolve to a node/i.test(dataMessage(e))) {
          try {
            await add();
            return;
          } catch (again) {
            fail(`labelling pull request #${number} in ${repo.owner}/${repo.name}`, again);
          }
        }
        fail(`labelling pull request #${number} in ${repo.owner}/${repo.name}`, e);
      }
    },
    async listComments(repo, number) {
      try {
        const all = await octokit.paginate(octokit.rest.issues.listComments, {
          ...r(repo),
          issue_number: number,
          per_page: 100,
        });
        return all.map((c) => c.body ?? "");
      } catch (e) {
        fail(`reading comments of pull request #${number} in ${repo.owner}/${repo.name}`, e);
      }
    },
    async createComment(repo, number, body) {
      try {
        await octokit.rest.issues.createComment({ ...r(repo), issue_number: number, body });
      } catch (e) {
        fail(`commenting on pull request #${number} in ${repo.owner}/${repo.name}`, e);
      }
    },
  };
}
