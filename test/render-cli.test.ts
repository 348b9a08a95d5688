import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIo, run } from "@fleet-baseline/cli";
import { readFiles } from "@fleet-baseline/render/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const source = join(import.meta.dirname, "..");
let repo = "";

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "render-cli-"));
  for (const part of ["baselines", "overlays", "clusters", "fleet.yaml", "rendered"]) {
    cpSync(join(source, part), join(repo, part), { recursive: true });
  }
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

async function render(...argv: string[]) {
  const io = memoryIo({ cwd: repo });
  const code = await run(["render", ...argv], io);
  return { code, out: io.out, err: io.err };
}

// Each test renders the example fleet a few times; on a busy machine that takes seconds.
describe("fleet-baseline render", { timeout: 120_000 }, () => {
  it("--check passes on the committed output and names the stale clusters after a change", async () => {
    expect(await render("--check")).toMatchObject({ code: 0 });
    const file = join(repo, "overlays/legacy-reports/report-builder.yaml");
    const before = readFileSync(file, "utf8");
    writeFileSync(file, before.replace("cpu: 100m", "cpu: 150m"));
    const stale = await render("--check");
    expect(stale.code).toBe(1);
    expect(stale.err).toContain("stale for staging-eu");
    expect(stale.err).not.toContain("prod-eu");
    writeFileSync(file, before);
    expect((await render("--check")).code).toBe(0);
  });

  it("writes rendered/<cluster>/ and leaves it untouched when a later render fails", async () => {
    expect((await render("--cluster", "lab-minimal")).code).toBe(0);
    const before = readFiles(join(repo, "rendered"));
    const file = join(repo, "clusters/prod-eu/cluster.yaml");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, good.replace("cni: calico", "cni: flannel"));
    const bad = await render();
    writeFileSync(file, good);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("clusters/prod-eu/cluster.yaml:14: spec.cni: must be one of");
    expect(bad.err).toContain('"cilium"');
    expect(readFiles(join(repo, "rendered"))).toEqual(before);
  });

  it("fails with exit 2 on an expired exception, naming it", async () => {
    const file = join(repo, "overlays/legacy-reports/namespace.yaml");
    const good = readFileSync(file, "utf8");
    writeFileSync(file, good.replace('"2027-05-31"', '"2026-01-31"'));
    const result = await render("--cluster", "staging-eu");
    writeFileSync(file, good);
    expect(result.code).toBe(2);
    expect(result.err).toContain("overlays/legacy-reports/namespace.yaml");
    expect(result.err).toContain('Namespace "reports"');
    expect(result.err).toContain("SEC-2211");
    expect(result.err).toContain("expired on 2026-01-31");
  });

  it("--stdout prints one cluster and refuses several", async () => {
    const one = await render("--cluster", "lab-minimal", "--stdout");
    expect(one.code).toBe(0);
    expect(one.out).toMatch(/^apiVersion: /);
    expect(one.out).toContain("kind: ClusterSPIFFEID");
    const many = await render("--stdout");
    expect(many.code).toBe(2);
    expect(many.err).toContain("exactly one cluster");
  });

  it("shows progress only on a terminal", async () => {
    const quiet = memoryIo({ cwd: repo, isTTY: false });
    expect(await run(["render", "--check"], quiet)).toBe(0);
    expect(quiet.err).toBe("");
    const tty = memoryIo({ cwd: repo, isTTY: true });
    expect(await run(["render", "--check"], tty)).toBe(0);
    expect(tty.err).toContain("rendering 5/5");
  });

  it("names an unknown cluster and lists the real ones", async () => {
    const result = await render("--cluster", "nope");
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown cluster "nope"');
    expect(result.err).toContain("prod-eu");
  });
});
