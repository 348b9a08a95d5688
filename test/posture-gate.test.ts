import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryIo, run } from "@fleet-baseline/cli";
import { afterEach, describe, expect, it } from "vitest";

/**
 * The pull-request gate end to end on the example fleet: a change that weakens a baseline renders,
 * then fails posture naming the control, the object and the source file; the committed fleet,
 * whose one weakening carries an owned, unexpired exception, passes.
 */
const source = join(import.meta.dirname, "..");
const now = "2026-11-22";
const dirs: string[] = [];

function copyFleet(): string {
  const repo = mkdtempSync(join(tmpdir(), "posture-gate-"));
  dirs.push(repo);
  for (const part of ["baselines", "overlays", "clusters", "fleet.yaml"]) {
    cpSync(join(source, part), join(repo, part), { recursive: true });
  }
  return repo;
}

function edit(repo: string, file: string, change: (text: string) => string): void {
  const path = join(repo, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
}

interface Finding {
  control: string;
  status: string;
  severity: string;
  kind: string;
  namespace: string;
  name: string;
  source: { file: string } | null;
}

async function gate(repo: string): Promise<{ code: number; findings: Finding[] }> {
  const rendered = memoryIo({ cwd: repo });
  expect(await run(["render"], rendered), rendered.err).toBe(0);
  const io = memoryIo({ cwd: repo });
  const code = await run(["posture", "--format", "json", "--now", now], io);
  return { code, findings: (JSON.parse(io.out) as { findings: Finding[] }).findings };
}

const failing = (findings: Finding[], control: string) =>
  findings.filter((f) => f.control === control && f.status === "fail" && f.severity === "error");

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("posture gate on the example fleet", { timeout: 180_000 }, () => {
  it("passes the committed fleet, reporting the documented exception as excepted", async () => {
    const { code, findings } = await gate(copyFleet());
    expect(code).toBe(0);
    expect(findings.filter((f) => f.status === "fail" && f.severity === "error")).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({
        control: "ZT-PSS-001",
        status: "excepted",
        namespace: "",
        name: "reports",
      }),
    );
  });

  it("fails a baseline role that gains a wildcard verb, pointing at the baseline file", async () => {
    const repo = copyFleet();
    edit(repo, "baselines/rbac/namespace/roles.yaml", (t) =>
      t.replace("verbs: [get, list, watch]", 'verbs: ["*"]'),
    );
    const { code, findings } = await gate(repo);
    expect(code).toBe(1);
    const wildcard = failing(findings, "ZT-RBAC-001");
    expect(wildcard.map((f) => `${f.kind}/${f.namespace}/${f.name}`)).toContain(
      "Role/shop/tenant-viewer",
    );
    expect(wildcard.every((f) => f.source?.file === "baselines/rbac/namespace/roles.yaml")).toBe(
      true,
    );
  });

  it("refuses to render a namespace lowered to PSS baseline once its exception is removed", async () => {
    const repo = copyFleet();
    edit(repo, "overlays/legacy-reports/namespace.yaml", (t) =>
      t.replace(/\n {2}annotations:\n(?: {4}fleet-baseline\.io\/exception-.*\n)+/, "\n"),
    );
    // Weakening Pod Security is caught before posture: the render itself stops, exit 2.
    const io = memoryIo({ cwd: repo });
    expect(await run(["render"], io)).toBe(2);
    expect(io.err).toContain("overlays/legacy-reports/namespace.yaml");
    expect(io.err).toContain("without an exception for ZT-PSS-001");
  });

  it("fails an enforcing namespace left without default-deny when no CNI guardrail enforces", async () => {
    const repo = copyFleet();
    edit(repo, "baselines/network/namespace/kustomization.yaml", (t) =>
      t.replace("  - default-deny.yaml\n", ""),
    );
    const { code, findings } = await gate(repo);
    expect(code).toBe(1);
    // dev-sandbox's Calico guardrail is staged (observe), so its enforce-stage namespace `hello`
    // has nothing else denying by default; clusters with an enforcing guardrail stay covered.
    expect(failing(findings, "ZT-NET-001").map((f) => f.name)).toEqual(["hello"]);
  });
});
