import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { isBotError } from "./errors.ts";
import { createGitHubHost } from "./github-host.ts";
import { authFromEnv, createOctokit } from "./octokit.ts";
import { syncCluster } from "./sync.ts";
import { GitHubEmulator } from "./testing/emulator.ts";
import { operation } from "./testing/openapi.ts";

beforeAll(() => new GitHubEmulator().warm(), 120_000);

const target = {
  cluster: "prod",
  repository: { owner: "acme", name: "prod-cluster", branch: "main", path: "" },
  files: new Map([["ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n"]]),
};

describe("the composed octokit", () => {
  it("authenticates as a GitHub App installation and reuses the installation token", async () => {
    const emu = new GitHubEmulator({ tokens: {} });
    emu.seedRepo("acme", "prod-cluster", { "README.md": "hi\n" });
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const warnings: string[] = [];
    const octokit = createOctokit({
      auth: { kind: "app", appId: "4242", privateKey: pem, installationId: 77 },
      fetch: emu.fetch,
      log: { warn: (m) => warnings.push(m) },
      throttle: { enabled: false },
    });
    const res = await syncCluster(createGitHubHost(octokit), target);
    expect(res.action).toBe("created");
    expect(res.verified).toBe(true);
    expect(emu.calls.filter((c) => c.route.startsWith("/app/")).map((c) => c.status)).toEqual([
      201,
    ]);
    expect(emu.calls.every((c) => c.status < 400 || c.status === 404)).toBe(true);
    expect(JSON.stringify(res) + warnings.join()).not.toMatch(/ghs_|BEGIN PRIVATE KEY/);
    expect(emu.violations).toEqual([]);
  });

  it("retries a 502 and reports bad credentials without echoing the token", async () => {
    const emu = new GitHubEmulator({ tokens: { ghp_right: "fleet-baseline[bot]" } });
    emu.seedRepo("acme", "prod-cluster", { "README.md": "hi\n" });
    emu.faults.push({
      method: "GET",
      route: "/repos/{owner}/{repo}/pulls",
      status: 502,
      body: { message: "Server Error" },
    });
    const good = createOctokit({
      auth: { kind: "token", token: "ghp_right" },
      fetch: emu.fetch,
      throttle: { enabled: false },
      retry: { retryAfterBaseValue: 1 },
    });
    expect((await syncCluster(createGitHubHost(good), target, { dryRun: true })).action).toBe(
      "would-create",
    );
    expect(
      emu.calls.filter((c) => c.route === "/repos/{owner}/{repo}/pulls").map((c) => c.status),
    ).toEqual([502, 200]);
    const bad = createOctokit({
      auth: { kind: "token", token: "ghp_wrongsecretvalue" },
      fetch: emu.fetch,
      throttle: { enabled: false },
    });
    const error = await syncCluster(createGitHubHost(bad), target).catch((e: unknown) => e);
    expect(isBotError(error) && error.status).toBe(401);
    expect(String((error as Error).message)).not.toContain("ghp_wrongsecretvalue");
    expect(emu.violations).toEqual([]);
  });

  it("reads credentials from the environment", () => {
    expect(authFromEnv({ GITHUB_TOKEN: "t" })).toEqual({ kind: "token", token: "t" });
    expect(authFromEnv({})).toBeUndefined();
    expect(
      authFromEnv({
        GITHUB_APP_ID: "1",
        GITHUB_APP_PRIVATE_KEY: "a\\nb",
        GITHUB_APP_INSTALLATION_ID: "9",
        GITHUB_TOKEN: "t",
      }),
    ).toEqual({ kind: "app", appId: "1", privateKey: "a\nb", installationId: 9 });
    expect(() => authFromEnv({ GITHUB_APP_ID: "1" })).toThrow(/incomplete GitHub App credentials/);
  });
});

describe("the emulator's contract checks", () => {
  it("flags a request off GitHub's schema", async () => {
    const emu = new GitHubEmulator();
    const sha = emu.seedRepo("acme", "r", { a: "a\n" });
    const octokit = createOctokit({
      auth: { kind: "token", token: "ghs_x" },
      fetch: emu.fetch,
      throttle: { enabled: false },
    });
    await octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
      owner: "acme",
      repo: "r",
      ref: "heads/main",
      sha,
      force: "false" as unknown as boolean,
    });
    expect(emu.violations.join("\n")).toMatch(/request body: \/force must be boolean/);
  });

  it("flags a response off GitHub's schema", () => {
    const op = operation("api.github.com", "GET", "/repos/{owner}/{repo}/pulls/{pull_number}");
    expect(op.response(200, {}).join("\n")).toMatch(/must have required property/);
    expect(op.response(418, {})).toEqual([
      "GET /repos/{owner}/{repo}/pulls/{pull_number}: status 418 is not documented",
    ]);
  });

  it("serves only operations that exist on github.com and on GHES 3.17", () => {
    const routes = [
      "POST /app/installations/{installation_id}/access_tokens",
      "GET /repos/{owner}/{repo}/git/ref/{ref}",
      "POST /repos/{owner}/{repo}/git/refs",
      "PATCH /repos/{owner}/{repo}/git/refs/{ref}",
      "DELETE /repos/{owner}/{repo}/git/refs/{ref}",
      "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
      "POST /repos/{owner}/{repo}/git/trees",
      "GET /repos/{owner}/{repo}/git/commits/{commit_sha}",
      "POST /repos/{owner}/{repo}/git/commits",
      "GET /repos/{owner}/{repo}/git/blobs/{file_sha}",
      "GET /repos/{owner}/{repo}/pulls",
      "POST /repos/{owner}/{repo}/pulls",
      "PATCH /repos/{owner}/{repo}/pulls/{pull_number}",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    ];
    for (const spec of ["api.github.com", "ghes-3.17"] as const) {
      for (const r of routes) {
        const [method, path] = r.split(" ") as [string, string];
        expect(() => operation(spec, method, path)).not.toThrow();
      }
    }
  });
});
