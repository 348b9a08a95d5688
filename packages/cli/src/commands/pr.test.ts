import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GitHubEmulator } from "@fleet-baseline/bot/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { memoryIo } from "../io.ts";
import { run } from "../run.ts";
import { runPr } from "./pr.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
// Compiling GitHub's schemas for the emulator takes seconds: once, before the tests.
beforeAll(() => new GitHubEmulator().warm(), 120_000);
afterEach(() => {
  vi.unstubAllGlobals();
});

function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), "fb-pr-"));
  dirs.push(root);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [name, repo] of [
    ["alpha", "fleet-alpha"],
    ["beta", "fleet-beta"],
  ] as const) {
    write(
      `clusters/${name}/cluster.yaml`,
      `apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  repository:\n    owner: acme\n    name: ${repo}\n    path: manifests\n`,
    );
    write(`rendered/${name}/index.json`, `{"cluster":"${name}","objects":[]}\n`);
    write(
      `rendered/${name}/_cluster/namespace_app.yaml`,
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n",
    );
  }
  write(
    "clusters/gamma/cluster.yaml",
    "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: gamma\n",
  );
  return root;
}

describe("fleet-baseline pr", () => {
  it("plans the example fleet with --dry-run --all and no network at all", async () => {
    const fetchSpy = vi.fn(() => {
      throw new Error("network used");
    });
    vi.stubGlobal("fetch", fetchSpy);
    const io = memoryIo({ cwd: repoRoot, env: {} });
    expect(await run(["pr", "--dry-run", "--all"], io)).toBe(0);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(io.out).toContain("the remote is not read");
    expect(io.out).toMatch(
      /prod-eu → corp-example\/fleet-prod-eu manifests\/ \(base main, branch fleet-baseline\/prod-eu\)/,
    );
    expect(io.out).toContain("+ manifests/index.json");
    expect(io.out).toContain("nothing written");
  });

  it("rejects bad input with exit 2", async () => {
    const root = fixture();
    const io = memoryIo({ cwd: root, env: {} });
    expect(await run(["pr"], io)).toBe(2);
    expect(await run(["pr", "--cluster", "nope"], io)).toBe(2);
    expect(io.err).toContain("known clusters: alpha, beta, gamma");
    expect(await run(["pr", "--cluster", "gamma", "--dry-run"], io)).toBe(2);
    expect(await run(["pr", "--cluster", "alpha"], io)).toBe(2);
    expect(io.err).toContain("no GitHub credentials");
    expect(await run(["pr", "--all", "--bogus"], io)).toBe(2);
  });

  // The first emulator test of a file pays for compiling the OpenAPI schemas it meets.
  it("proposes each cluster, keeps going when one fails, and exits 1", {
    timeout: 30_000,
  }, async () => {
    const root = fixture();
    const emu = new GitHubEmulator();
    emu.seedRepo("acme", "fleet-beta", { "README.md": "beta\n" });
    const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_clitoken123" } });
    const code = await runPr(["--all"], io, { fetch: emu.fetch, throttle: { enabled: false } });
    expect(code).toBe(1);
    expect(io.err).toContain("cluster alpha:");
    expect(io.out).toMatch(/beta → acme\/fleet-beta manifests\/.*\n {2}pull request: created #1/);
    expect(
      emu.files("acme/fleet-beta", "fleet-baseline/beta")["manifests/_cluster/namespace_app.yaml"],
    ).toContain("kind: Namespace");
    expect(io.out + io.err).not.toContain("ghs_clitoken123");
    // Without --posture-report the bot runs the posture check itself, before and after.
    expect(emu.pulls("acme/fleet-beta")[0]?.body).toMatch(
      /### Posture\n\n\d+ → \d+ failing finding\(s\)/,
    );
    expect(emu.violations).toEqual([]);
    // Second run: nothing to do, nothing written.
    const writes = emu.writes().length;
    const again = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_clitoken123" } });
    expect(
      await runPr(["--cluster", "beta"], again, { fetch: emu.fetch, throttle: { enabled: false } }),
    ).toBe(0);
    expect(again.out).toContain("unchanged");
    expect(emu.writes()).toHaveLength(writes);
  });

  it("reads the remote but writes nothing with --dry-run and a token", async () => {
    const root = fixture();
    const emu = new GitHubEmulator();
    emu.seedRepo("acme", "fleet-alpha", {
      "manifests/old.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n",
    });
    const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_clitoken123" } });
    const code = await runPr(["--cluster", "alpha", "--dry-run"], io, {
      fetch: emu.fetch,
      throttle: { enabled: false },
    });
    expect(code).toBe(0);
    expect(io.out).toContain("pull request: would-create");
    expect(io.out).toContain("- manifests/old.yaml");
    expect(io.out).toContain("+ manifests/_cluster/namespace_app.yaml");
    expect(emu.writes()).toEqual([]);
    expect(emu.violations).toEqual([]);
  });

  it("puts the drift report in the body and can limit itself to drifted clusters", async () => {
    const root = fixture();
    writeFileSync(
      join(root, "drift.json"),
      JSON.stringify({
        drifted: true,
        changes: [
          {
            cluster: "beta",
            type: "changed",
            apiVersion: "v1",
            kind: "Namespace",
            namespace: "",
            name: "app",
            path: "/metadata/labels",
            weakens: ["ZT-PSS-001"],
          },
        ],
        clusters: [
          { name: "alpha", status: "clean" },
          { name: "beta", status: "drifted" },
        ],
      }),
    );
    const emu = new GitHubEmulator();
    emu.seedRepo("acme", "fleet-beta", { "README.md": "beta\n" });
    const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghs_clitoken123" } });
    const code = await runPr(["--all", "--drift-report", "drift.json", "--only-drifted"], io, {
      fetch: emu.fetch,
      throttle: { enabled: false },
    });
    expect(code).toBe(0);
    expect(io.out).not.toContain("alpha →");
    expect(emu.pulls("acme/fleet-beta")[0]?.body).toContain(
      "1 drifted field(s) on the live cluster, 1 weakening a control",
    );
  });
  it("puts each cluster's posture delta in its body from {cluster} report paths", async () => {
    const root = fixture();
    const finding = (control: string, name: string) => ({
      control,
      severity: "error",
      status: "fail",
      kind: "Namespace",
      namespace: "",
      name,
    });
    mkdirSync(join(root, "posture"));
    writeFileSync(
      join(root, "posture/beta.before.json"),
      JSON.stringify({ findings: [finding("ZT-PSS-001", "app")] }),
    );
    writeFileSync(
      join(root, "posture/beta.after.json"),
      JSON.stringify({ findings: [finding("ZT-NET-001", "app")], measures: {} }),
    );
    const emu = new GitHubEmulator();
    emu.seedRepo("acme", "fleet-alpha", { "README.md": "alpha\n" });
    emu.seedRepo("acme", "fleet-beta", { "README.md": "beta\n" });
    // A personal access token: GitHub does not sign its API commits.
    const io = memoryIo({ cwd: root, env: { GITHUB_TOKEN: "ghp_clitoken123" } });
    const args = [
      "--all",
      "--posture-report",
      "posture/{cluster}.after.json",
      "--posture-base-report",
      "posture/{cluster}.before.json",
    ];
    expect(await runPr(args, io, { fetch: emu.fetch, throttle: { enabled: false } })).toBe(0);
    const beta = emu.pulls("acme/fleet-beta")[0]?.body ?? "";
    expect(beta).toContain("1 → 1 failing finding(s): 1 new, 1 resolved.");
    expect(beta).toContain("- new: `ZT-NET-001 Namespace app`");
    // alpha has no report: its body has no posture section.
    expect(emu.pulls("acme/fleet-alpha")[0]?.body).not.toContain("### Posture");
    expect(io.out).toContain("note: GitHub did not sign the commit");
  });
});
