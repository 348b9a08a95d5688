import type { FlatTree, GitMode } from "./git-objects.ts";

/** A repository on the Git host. */
export interface RepoId {
  owner: string;
  name: string;
}

/** What the bot needs to know of a pull request. */
export interface PullInfo {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  draft: boolean;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  labels: string[];
  url: string;
}

export interface CommitInfo {
  sha: string;
  message: string;
  parents: string[];
  tree: string;
}

/** A tree read recursively: its SHA, every blob by path and every directory's SHA. */
export interface TreeListing {
  sha: string;
  files: FlatTree;
  /** Directory path → tree SHA (the root is `""`). */
  dirs: Map<string, string>;
}

/** One entry of a tree write: inline content, or `null` to delete the path. */
export interface TreeWrite {
  path: string;
  mode: GitMode;
  content: string | null;
}

/**
 * The smallest view of a Git host the bot needs. `createGitHubHost` implements it over one composed
 * octokit; tests may fake it in memory. Writes are the methods below `readBlob`.
 */
export interface GitHost {
  /** Pull requests from `branch` into `base`, open and closed, newest first (first page). */
  listPulls(repo: RepoId, branch: string, base: string): Promise<PullInfo[]>;
  /** The commit a branch points at, or undefined when the branch does not exist. */
  getBranch(repo: RepoId, branch: string): Promise<string | undefined>;
  /** The tree of a commit (or tree) SHA, recursively. */
  getTree(repo: RepoId, sha: string): Promise<TreeListing>;
  getCommit(repo: RepoId, sha: string): Promise<CommitInfo>;
  readBlob(repo: RepoId, sha: string): Promise<string>;

  createTree(repo: RepoId, baseTree: string, entries: TreeWrite[]): Promise<string>;
  createCommit(
    repo: RepoId,
    commit: { message: string; tree: string; parents: string[] },
  ): Promise<{ sha: string; verified: boolean }>;
  /** Creates a branch; "exists" when the name is taken (someone got there first). */
  createBranch(repo: RepoId, branch: string, sha: string): Promise<"created" | "exists">;
  /** Fast-forwards a branch; "conflict" when it moved to a commit the new one does not contain. */
  moveBranch(repo: RepoId, branch: string, sha: string): Promise<"moved" | "conflict">;
  deleteBranch(repo: RepoId, branch: string): Promise<void>;
  /** Opens a pull request; "exists" when one is already open for this head and base. */
  createPull(
    repo: RepoId,
    pull: { title: string; body: string; head: string; base: string; draft: boolean },
  ): Promise<PullInfo | "exists">;
  updatePull(
    repo: RepoId,
    number: number,
    patch: { title?: string; body?: string; state?: "open" | "closed" },
  ): Promise<void>;
  addLabels(repo: RepoId, number: number, labels: string[]): Promise<void>;
  /** Bodies of the comments on a pull request. */
  listComments(repo: RepoId, number: number): Promise<string[]>;
  createComment(repo: RepoId, number: number, body: string): Promise<void>;
}
