/**
 * Differential corpus: every `test/corpus/<group>/<case>/` is built by `kubectl kustomize` (the
 * oracle, run now, not golden files) and by kustomize-ts, and stdout must match byte for byte.
 * A case builds its own directory unless it holds `.build-root` (a relative path); a case named
 * `error-*` must fail in both.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "kustomize-ts";
import { nodeFs } from "kustomize-ts/node";
import { beforeAll, describe, expect, it } from "vitest";

const corpus = resolve(import.meta.dirname, "corpus");

interface Case {
  name: string;
  dir: string;
  expectError: boolean;
}

function discover(): Case[] {
  const cases: Case[] = [];
  for (const group of readdirSync(corpus).sort()) {
    const groupDir = join(corpus, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const caseDir = join(groupDir, name);
      if (!statSync(caseDir).isDirectory()) continue;
      const rootFile = join(caseDir, ".build-root");
      const dir = existsSync(rootFile)
        ? resolve(caseDir, readFileSync(rootFile, "utf8").trim())
        : caseDir;
      cases.push({ name: `${group}/${name}`, dir, expectError: name.startsWith("error-") });
    }
  }
  return cases;
}

interface OracleResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function kubectl(dir: string): Promise<OracleResult> {
  return new Promise((done) => {
    execFile(
      "kubectl",
      ["kustomize", dir],
      { maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => done({ ok: !error, stdout, stderr }),
    );
  });
}

async function mapBounded<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

const cases = discover();
const oracle = new Map<string, OracleResult>();

describe("kustomize-ts against kubectl kustomize", () => {
  beforeAll(async () => {
    const results = await mapBounded(cases, 4, (c) => kubectl(c.dir));
    cases.forEach((c, i) => {
      oracle.set(c.name, results[i] as OracleResult);
    });
  }, 300_000);

  it("has a corpus", () => {
    expect(cases.length).toBeGreaterThanOrEqual(130);
  });

  for (const c of cases) {
    it(c.name, () => {
      const expected = oracle.get(c.name) as OracleResult;
      let actual: { ok: true; yaml: string } | { ok: false; error: unknown };
      try {
        actual = { ok: true, yaml: build(nodeFs, c.dir).yaml };
      } catch (error) {
        actual = { ok: false, error };
      }
      if (c.expectError) {
        expect(expected.ok, `kubectl should fail on ${c.name}`).toBe(false);
        expect(actual.ok, `kustomize-ts should fail on ${c.name}`).toBe(false);
        return;
      }
      expect(expected.ok, `kubectl failed: ${expected.stderr}`).toBe(true);
      if (!actual.ok) throw actual.error;
      expect(actual.yaml).toBe(expected.stdout);
    });
  }
});
