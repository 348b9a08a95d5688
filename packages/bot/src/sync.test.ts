import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseMarker } from "./body.ts";
import { isBotError } from "./errors.ts";
import { createGitHubHost } from "./github-host.ts";
import { createOctokit } from "./octokit.ts";
import { BLOCKED_LABEL, type ClusterTarget, type SyncOptions, syncCluster } from "./sync.ts";
import { GitHubEmulator } from "./testing/emulator.ts";

const REPO = "acme/prod-cluster";
const SECRET_VALUE = "c3VwZXJzZWNyZXQ=";

const policy = (ns: string, extra = "") =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n${extra}`;

const v1: Record<string, string> = {
  "index.json": '{"cluster":"prod","objects":[]}\n',
  "cluster/namespace-payments.yaml":
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n",
  "payments/networkpolicy-default-deny.yaml": policy("payments"),
  "payments/secret-db.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: payments\ndata:\n  password: ${SECRET_VALUE}\n`,
};
const v2: Record<string, string> = {
  ...v1,
  "payments/networkpolicy-default-deny.yaml": policy("payments", "  ingress: []\n"),
  "payments/secret-db.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: payments\ndata:\n  password: bmV3dmFsdWU=\n`,
};

// Compiling GitHub's schemas takes seconds: do it once, before the scenarios.
beforeAll(() => {
  new GitHubEmulator().warm();
  new GitHubEmulator({ spec: "ghes-3.17" }).warm();
}, 120_000);

let current: GitHubEmulator | undefined;
afterEach(() => {
  // Every request the real octokit sent, and every emulator answer, matched GitHub's OpenAPI description.
  expect(current?.violations ?? []).toEqual([]);
  current = undefined;
});

function setup(
  options: {
    throttle?: boolean;
    base?: Record<string, string>;
    baseUrl?: string;
    spec?: "ghes-3.17";
  } = {},
) {
  const emu = new GitHubEmulator({
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.spec ? { spec: options.spec } : {}),
  });
  current = emu;
  emu.seedRepo(
    "acme",
    "prod-cluster",
    options.base ?? {
      "README.md": "# prod\n",
      "clusters/prod/old.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: payments\n",
    },
  );
  const warnings: string[] = [];
  const make = (throttled: boolean) =>
    createGitHubHost(
      createOctokit({
        auth: { kind: "token", token: "ghs_emulatortoken0001" },
        baseUrl: emu.baseUrl,
        fetch: emu.fetch,
        log: { warn: (m) => warnings.push(m) },
        // Throttled: octokit's real limiter, with Retry-After seconds scaled to milliseconds.
        throttle: throttled ? { retryAfterBaseValue: 1, id: `test-${++ids}` } : { enabled: false },
        retry: { retryAfterBaseValue: 1 },
      }),
    );
  return { emu, host: make(options.throttle === true), plain: make(false), warnings };
}
let ids = 0;

function target(files: Record<string, string>, path = "clusters/prod"): ClusterTarget {
  return {
    cluster: "prod",
    repository: { owner: "acme", name: "prod-cluster", branch: "main", path },
    files: new Map(Object.entries(files)),
  };
}

function count(emu: GitHubEmulator, from = 0) {
  const calls = emu.calls.slice(from);
  return {
    reads: calls.filter((c) => !c.write).length,
    writes: calls.filter((c) => c.write).length,
    calls,
  };
}

const BRANCH = "fleet-baseline/prod";

describe("syncCluster against the GitHub emulator", () => {
  it("opens the first pull request with one commit on the base, labels and a marker", async () => {
    const { emu, host } = setup();
    const base = emu.head(REPO, "main") as string;
    const res = await syncCluster(host, target(v1));
    expect(res.action).toBe("created");
    expect(res.verified).toBe(true);
    expect(res.files.added).toHaveLength(4);
    expect(res.files.removed).toEqual(["old.yaml"]);
    const pulls = emu.pulls(REPO);
    expect(pulls).toHaveLength(1);
    const pull = pulls[0];
    expect(pull?.state).toBe("open");
    expect(pull?.labels).toEqual(["fleet-baseline", "cluster:prod"]);
    // The branch holds the base's other files plus exactly the rendered files at the path.
    const files = emu.files(REPO, BRANCH);
    expect(files["README.md"]).toBe("# prod\n");
    expect(files["clusters/prod/old.yaml"]).toBeUndefined();
    for (const [p, c] of Object.entries(v1)) expect(files[`clusters/prod/${p}`]).toBe(c);
    const head = emu.head(REPO, BRANCH) as string;
    expect(emu.commit(REPO, head).parents).toEqual([base]);
    expect(emu.head(REPO, "main")).toBe(base);
    // Body: summary, diffs, marker read back; the Secret value never appears.
    const body = pull?.body ?? "";
    expect(body).toContain("| added | NetworkPolicy | payments | 1 |");
    expect(body).toContain("| removed | ConfigMap |");
    expect(body).toContain("<redacted>");
    expect(body).not.toContain(SECRET_VALUE);
    expect(parseMarker(body)).toMatchObject({ v: 1, cluster: "prod", head, base });
    // Reads: pulls, base ref, base tree, the removed file (for its diff), the bot branch (absent).
    expect(count(emu)).toMatchObject({ reads: 5, writes: 5 });
  });

  it("re-run with no change makes zero write calls, at most 3 reads, and no second pull request", async () => {
    const { emu, host } = setup();
    await syncCluster(host, target(v1));
    const before = emu.calls.length;
    const res = await syncCluster(host, target(v1));
    expect(res.action).toBe("unchanged");
    const { reads, writes } = count(emu, before);
    expect(writes).toBe(0);
    expect(reads).toBeLessThanOrEqual(3);
    expect(emu.pulls(REPO)).toHaveLength(1);
  });

  it("updates the same pull request in place when the desired state changes again", async () => {
    const { emu, host } = setup();
    const first = await syncCluster(host, target(v1));
    const oldHead = emu.head(REPO, BRANCH) as string;
    const before = emu.calls.length;
    const res = await syncCluster(host, target(v2));
    expect(res.action).toBe("updated");
    expect(res.pull?.number).toBe(first.pull?.number);
    // Files are listed against the base branch, which still lacks all of them.
    expect(res.files.added).toContain("payments/networkpolicy-default-deny.yaml");
    expect(emu.pulls(REPO)).toHaveLength(1);
    const head = emu.head(REPO, BRANCH) as string;
    // A fast-forward on the bot's own commit: the base did not move.
    expect(emu.commit(REPO, head).parents).toEqual([oldHead]);
    expect(
      emu.files(REPO, BRANCH)["clusters/prod/payments/networkpolicy-default-deny.yaml"],
    ).toContain("ingress: []");
    const body = emu.pulls(REPO)[0]?.body ?? "";
    expect(body).not.toContain("bmV3dmFsdWU=");
    expect(body).toContain("+  ingress: []");
    expect(parseMarker(body)?.head).toBe(head);
    const { writes, calls } = count(emu, before);
    expect(calls.filter((c) => c.write).map((c) => `${c.method} ${c.route}`)).toEqual([
      "POST /repos/{owner}/{repo}/git/trees",
      "POST /repos/{owner}/{repo}/git/commits",
      "PATCH /repos/{owner}/{repo}/git/refs/{ref}",
      "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
    ]);
    expect(writes).toBe(4);
    // And the run after that is a no-op again.
    const again = emu.calls.length;
    expect((await syncCluster(host, target(v2))).action).toBe("unchanged");
    expect(count(emu, again).writes).toBe(0);
  });

  it("closes the pull request and deletes the branch when the change is no longer needed", async () => {
    const base = {
      "README.md": "# prod\n",
      ...Object.fromEntries(Object.entries(v1).map(([p, c]) => [`clusters/prod/${p}`, c])),
    };
    const { emu, host } = setup({ base });
    const res = await syncCluster(host, target(v2));
    expect(res.action).toBe("created");
    const closed = await syncCluster(host, target(v1));
    expect(closed.action).toBe("closed");
    const pull = emu.pulls(REPO)[0];
    expect(pull?.state).toBe("closed");
    expect(emu.head(REPO, BRANCH)).toBeUndefined();
    expect(emu.comments(REPO, pull?.number ?? 0)).toHaveLength(1);
    expect(parseMarker(pull?.body ?? "")?.closedBy).toBe("bot");
    const before = emu.calls.length;
    expect((await syncCluster(host, target(v1))).action).toBe("unchanged");
    expect(count(emu, before)).toMatchObject({ writes: 0 });
    expect(count(emu, before).reads).toBeLessThanOrEqual(3);
  });

  it("stops at a person's commit on its branch and leaves exactly one comment", async () => {
    const { emu, host } = setup();
    await syncCluster(host, target(v1));
    const human = emu.pushCommit(REPO, BRANCH, {
      "clusters/prod/payments/extra.yaml": "kind: ConfigMap\n",
    });
    const res = await syncCluster(host, target(v2));
    expect(res.action).toBe("blocked");
    expect(emu.head(REPO, BRANCH)).toBe(human);
    const number = emu.pulls(REPO)[0]?.number ?? 0;
    expect(emu.comments(REPO, number)).toHaveLength(1);
    expect(emu.pulls(REPO)[0]?.labels).toContain(BLOCKED_LABEL);
    const before = emu.calls.length;
    expect((await syncCluster(host, target(v2))).action).toBe("blocked");
    expect(count(emu, before)).toMatchObject({ reads: 1, writes: 0 });
    expect(emu.comments(REPO, number)).toHaveLength(1);
    expect(emu.head(REPO, BRANCH)).toBe(human);
  });

  it("leaves the pull request alone when the base moves elsewhere, and rebuilds when it moves at the path", async () => {
    const { emu, host } = setup();
    await syncCluster(host, target(v1));
    const botHead = emu.head(REPO, BRANCH) as string;
    emu.pushCommit(REPO, "main", { "docs/notes.md": "notes\n" });
    let before = emu.calls.length;
    expect((await syncCluster(host, target(v1))).action).toBe("unchanged");
    expect(count(emu, before)).toMatchObject({ reads: 3, writes: 0 });
    expect(emu.head(REPO, BRANCH)).toBe(botHead);

    const moved = emu.pushCommit(REPO, "main", {
      "clusters/prod/payments/hand-made.yaml": "kind: ConfigMap\n",
    });
    before = emu.calls.length;
    const res = await syncCluster(host, target(v1));
    expect(res.action).toBe("updated");
    expect(res.files.removed).toContain("payments/hand-made.yaml");
    const head = emu.head(REPO, BRANCH) as string;
    // Rebuilt on the new base, still a fast-forward of the bot's own commit.
    expect(emu.commit(REPO, head).parents).toEqual([botHead, moved]);
    const files = emu.files(REPO, BRANCH);
    expect(files["docs/notes.md"]).toBe("notes\n");
    expect(files["clusters/prod/payments/hand-made.yaml"]).toBeUndefined();
    expect(emu.pulls(REPO)).toHaveLength(1);
  });

  it("never pushes over a commit that lands between its read and its write", async () => {
    const { emu, host } = setup();
    await syncCluster(host, target(v1));
    let human = "";
    emu.hooks.push({
      method: "PATCH",
      route: "/repos/{owner}/{repo}/git/refs/{ref}",
      once: true,
      run: () => {
        human = emu.pushCommit(REPO, BRANCH, { "clusters/prod/note.txt": "mine\n" });
      },
    });
    const res = await syncCluster(host, target(v2));
    expect(res.action).toBe("blocked");
    expect(emu.head(REPO, BRANCH)).toBe(human);
    expect(
      emu.calls
        .filter((c) => c.method === "PATCH" && c.route.endsWith("/git/refs/{ref}"))
        .map((c) => c.status),
    ).toEqual([422]);
  });

  it("two runs racing end with one pull request holding the desired state", async () => {
    const { emu, host } = setup();
    const [a, b] = await Promise.all([
      syncCluster(host, target(v1)),
      syncCluster(host, target(v1)),
    ]);
    expect([a.action, b.action].sort()).toEqual(expect.arrayContaining(["created"]));
    expect(emu.pulls(REPO).filter((p) => p.state === "open")).toHaveLength(1);
    expect(emu.files(REPO, BRANCH)["clusters/prod/payments/secret-db.yaml"]).toBe(
      v1["payments/secret-db.yaml"],
    );
    const [c, d] = await Promise.all([
      syncCluster(host, target(v2)),
      syncCluster(host, target(v2)),
    ]);
    expect([c.action, d.action]).toContain("updated");
    expect(emu.pulls(REPO)).toHaveLength(1);
    expect(parseMarker(emu.pulls(REPO)[0]?.body ?? "")?.head).toBe(emu.head(REPO, BRANCH));
    const before = emu.calls.length;
    expect((await syncCluster(host, target(v2))).action).toBe("unchanged");
    expect(count(emu, before).writes).toBe(0);
  });

  it("waits out a 403 secondary rate limit for its Retry-After, then succeeds", {
    timeout: 30_000,
  }, async () => {
    const { emu, host, warnings } = setup({ throttle: true });
    emu.faults.push({
      method: "POST",
      route: "/repos/{owner}/{repo}/pulls",
      status: 403,
      headers: { "retry-after": "2" },
      body: {
        message:
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: "https://docs.github.com/rest",
      },
    });
    const res = await syncCluster(host, target(v1));
    expect(res.action).toBe("created");
    expect(
      emu.calls
        .filter((c) => c.route === "/repos/{owner}/{repo}/pulls" && c.method === "POST")
        .map((c) => c.status),
    ).toEqual([403, 201]);
    expect(warnings.join("\n")).toMatch(/secondary rate limit on POST .*waiting 2s/);
  });

  it("honours Retry-After on a 429 without plugin-retry retrying it a second time", async () => {
    const { emu, host, plain, warnings } = setup({ throttle: true });
    await syncCluster(plain, target(v1));
    emu.calls.length = 0;
    emu.faults.push({
      method: "GET",
      route: "/repos/{owner}/{repo}/git/ref/{ref}",
      status: 429,
      headers: { "retry-after": "3" },
      body: {
        message: "You have exceeded a secondary rate limit.",
        documentation_url: "https://docs.github.com/rest",
      },
      times: 1,
    });
    expect((await syncCluster(host, target(v1))).action).toBe("unchanged");
    const refReads = emu.calls
      .filter((c) => c.route === "/repos/{owner}/{repo}/git/ref/{ref}")
      .map((c) => c.status);
    expect(refReads).toEqual([429, 200]);
    expect(warnings.filter((w) => /waiting 3s/.test(w))).toHaveLength(1);
  });

  it("gives up after the retry cap with a RATE_LIMITED error", async () => {
    const { emu, host } = setup({ throttle: true });
    emu.faults.push({
      method: "GET",
      route: "/repos/{owner}/{repo}/pulls",
      status: 429,
      headers: { "retry-after": "1" },
      body: {
        message: "You have exceeded a secondary rate limit.",
        documentation_url: "https://docs.github.com/rest",
      },
      times: 10,
    });
    const error = await syncCluster(host, target(v1)).catch((e: unknown) => e);
    expect(isBotError(error) && error.code).toBe("RATE_LIMITED");
    expect(emu.calls.filter((c) => c.route === "/repos/{owner}/{repo}/pulls")).toHaveLength(3);
  });

  it("surfaces a 422 ruleset violation once, without a retry loop", async () => {
    const { emu, host } = setup();
    emu.repos.get(REPO)?.rules.push(/^fleet-baseline\//);
    const error = await syncCluster(host, target(v1)).catch((e: unknown) => e);
    expect(isBotError(error) && error.code).toBe("RULESET_VIOLATION");
    expect(emu.calls.filter((c) => c.route === "/repos/{owner}/{repo}/git/refs")).toHaveLength(1);
    expect(emu.pulls(REPO)).toHaveLength(0);
  });

  it("respects the cap on new pull requests per run, as a draft when asked", async () => {
    const { emu, host } = setup();
    emu.seedRepo("acme", "stage-cluster", { "README.md": "# stage\n" });
    const options: SyncOptions = { budget: { newPulls: 1 }, draft: true };
    expect((await syncCluster(host, target(v1), options)).action).toBe("created");
    const before = emu.calls.length;
    const stage = {
      ...target(v1),
      cluster: "stage",
      repository: { owner: "acme", name: "stage-cluster", branch: "main", path: "" },
    };
    const deferred = await syncCluster(host, stage, options);
    expect(deferred.action).toBe("deferred");
    expect(count(emu, before).writes).toBe(0);
    expect(emu.pulls(REPO)[0]?.draft).toBe(true);
    // Updating an existing PR is not capped.
    expect((await syncCluster(host, target(v2), options)).action).toBe("updated");
  });

  it("treats a person's close as a snooze until the rendered state changes", async () => {
    const { emu, host } = setup();
    await syncCluster(host, target(v1));
    const pull = emu.repos.get(REPO)?.pulls[0];
    if (pull) pull.state = "closed";
    const before = emu.calls.length;
    expect((await syncCluster(host, target(v1))).action).toBe("snoozed");
    expect(count(emu, before)).toMatchObject({ reads: 1, writes: 0 });
    const res = await syncCluster(host, target(v2));
    expect(res.action).toBe("created");
    expect(emu.pulls(REPO).filter((p) => p.state === "open")).toHaveLength(1);
  });

  it("plans without writing in dry-run mode", async () => {
    const { emu, host } = setup();
    const res = await syncCluster(host, target(v1), { dryRun: true });
    expect(res.action).toBe("would-create");
    expect(res.files.added).toContain("payments/secret-db.yaml");
    expect(emu.writes()).toEqual([]);
  });

  it("works against GitHub Enterprise Server through a base URL, validated against the GHES description", async () => {
    const { emu, host } = setup({ baseUrl: "https://ghe.test/api/v3", spec: "ghes-3.17" });
    expect((await syncCluster(host, target(v1, ""))).action).toBe("created");
    expect(emu.files(REPO, BRANCH)["payments/secret-db.yaml"]).toBe(v1["payments/secret-db.yaml"]);
    // At the repository root the bot still leaves what is not a manifest alone.
    expect(emu.files(REPO, BRANCH)["README.md"]).toBe("# prod\n");
  });
  it("does not add back a label a person removed", async () => {
    const { emu, host } = setup();
    await syncCluster(host, target(v1));
    const pull = emu.repos.get(REPO)?.pulls[0];
    if (pull) pull.labels = pull.labels.filter((l) => l !== "cluster:prod");
    await syncCluster(host, target(v2), {
      labels: ["fleet-baseline", "cluster:prod", "zero-trust"],
    });
    expect(emu.pulls(REPO)[0]?.labels).toEqual(["fleet-baseline", "zero-trust"]);
    expect(parseMarker(emu.pulls(REPO)[0]?.body ?? "")?.labels).toEqual([
      "fleet-baseline",
      "cluster:prod",
      "zero-trust",
    ]);
  });

  it("waits for the primary rate limit to reset", async () => {
    const { emu, host, plain, warnings } = setup({ throttle: true });
    await syncCluster(plain, target(v1));
    emu.faults.push({
      method: "GET",
      route: "/repos/{owner}/{repo}/pulls",
      status: 403,
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 2),
      },
      body: {
        message: "API rate limit exceeded for installation ID 77.",
        documentation_url: "https://docs.github.com/rest",
      },
    });
    expect((await syncCluster(host, target(v1))).action).toBe("unchanged");
    expect(warnings.join("\n")).toMatch(/primary rate limit on GET .*waiting [23]s/);
  });

  it("writes a large change in chained trees of 100 entries, landing on the tree it computed", async () => {
    const { emu, host } = setup();
    const many: Record<string, string> = {};
    for (let i = 0; i < 250; i++)
      many[`ns${i % 7}/configmap_c${i}.yaml`] =
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: ns${i % 7}\n`;
    const res = await syncCluster(host, target(many), { maxDiffReads: 10 });
    expect(res.action).toBe("created");
    expect(
      emu.calls.filter((c) => c.method === "POST" && c.route.endsWith("/git/trees")),
    ).toHaveLength(3);
    expect(
      Object.keys(emu.files(REPO, BRANCH)).filter((p) => p.startsWith("clusters/prod/")),
    ).toHaveLength(250);
    const body = emu.pulls(REPO)[0]?.body ?? "";
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toContain("| added | ConfigMap | ns0 | 36 |");
  });
  it("owns only manifests outside hidden folders: README, CODEOWNERS and .github/ stay", async () => {
    const base = {
      "README.md": "# prod\n",
      CODEOWNERS: "* @acme/platform\n",
      ".github/workflows/ci.yml": "on: push\n",
      "stale.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stale\n",
    };
    const { emu, host } = setup({ base });
    const res = await syncCluster(host, target(v1, ""));
    expect(res.files.removed).toEqual(["stale.yaml"]);
    const files = emu.files(REPO, BRANCH);
    expect(Object.keys(files).sort()).toEqual(
      [".github/workflows/ci.yml", "CODEOWNERS", "README.md", ...Object.keys(v1)].sort(),
    );
    // Once merged, the same render is "already there", README and all.
    emu.mergePull(REPO, res.pull?.number ?? 0);
    const before = emu.calls.length;
    expect((await syncCluster(host, target(v1, ""))).action).toBe("unchanged");
    expect(count(emu, before)).toMatchObject({ reads: 3, writes: 0 });
  });
  it("computes the posture delta from the files it read back, with no extra API call", async () => {
    const { emu, host } = setup();
    // A stand-in check: one finding per ConfigMap.
    const assessPosture = (_cluster: string, files: ReadonlyMap<string, string>) =>
      [...files]
        .filter(([, t]) => t.includes("kind: ConfigMap"))
        .map(([p]) => ({ control: "ZT-TEST-001", kind: "ConfigMap", name: p }));
    const res = await syncCluster(host, target(v1), { assessPosture });
    expect(res.action).toBe("created");
    const body = emu.pulls(REPO)[0]?.body ?? "";
    expect(body).toContain("1 → 0 failing finding(s): 0 new, 1 resolved.");
    expect(body).toContain("- resolved: `ZT-TEST-001 ConfigMap old.yaml`");
  });
  it("labels a new pull request even when GitHub cannot resolve it at first", async () => {
    const { emu, host } = setup();
    emu.faults.push({
      method: "POST",
      route: "/repos/{owner}/{repo}/issues/{issue_number}/labels",
      status: 422,
      body: {
        message: "Could not resolve to a node with the global id of 'PR_x'.",
        documentation_url: "https://docs.github.com/rest",
      },
    });
    expect((await syncCluster(host, target(v1))).action).toBe("created");
    expect(emu.pulls(REPO)[0]?.labels).toEqual(["fleet-baseline", "cluster:prod"]);
  });
});
