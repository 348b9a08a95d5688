/**
 * @packageDocumentation
 * The PR bot: proposes each cluster's rendered manifests to its repository, one branch and pull
 * request per cluster, updated in place, through one composed octokit.
 */
export type {
  BodyInput,
  DriftSummary,
  ObjectChange,
  PostureDelta,
  PostureFindingLite,
  PrMarker,
} from "./body.ts";
export { DEFAULT_BODY_LIMIT, MARKER_VERSION, parseMarker, renderBody } from "./body.ts";
export { maskSecrets } from "./changes.ts";
export { unifiedDiff } from "./diff.ts";
export type { BotErrorCode } from "./errors.ts";
export { BotError, isBotError } from "./errors.ts";
export type { FlatEntry, FlatTree, GitMode } from "./git-objects.ts";
export { EMPTY_TREE_SHA, flatTreeOf, gitBlobSha, gitTreeSha, rootTreeSha } from "./git-objects.ts";
export { createGitHubHost } from "./github-host.ts";
export type { CommitInfo, GitHost, PullInfo, RepoId, TreeListing, TreeWrite } from "./host.ts";
export type { BotLog, BotOctokit, GitHubAuth, OctokitOptions } from "./octokit.ts";
export { authFromEnv, createOctokit } from "./octokit.ts";
export type {
  ClusterAction,
  ClusterResult,
  ClusterTarget,
  RunBudget,
  SyncOptions,
} from "./sync.ts";
export { BLOCKED_LABEL, planOffline, syncCluster } from "./sync.ts";
