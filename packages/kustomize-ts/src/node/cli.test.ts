import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo, run } from "./cli.ts";

const root = mkdtempSync(join(tmpdir(), "kts-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    cwd: () => root,
  };
  return io;
}

describe("kustomize-ts build", () => {
  it("prints the YAML on stdout, warnings on stderr, exit 0", async () => {
    tree("ok", {
      "kustomization.yaml": "commonLabels: {a: b}\nresources: [cm.yaml]\n",
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
    });
    const io = capture();
    expect(await run(["build", "ok"], io)).toBe(0);
    expect(io.out).toBe(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n  name: c\n",
    );
    expect(io.err).toMatch(/^# Warning: 'commonLabels' is deprecated/);
  });

  it("prints one error naming the file, nothing on stdout, exit 1", async () => {
    const dir = tree("bad", { "kustomization.yaml": "resources: [gone.yaml]\n" });
    const io = capture();
    expect(await run(["build", dir], io)).toBe(1);
    expect(io.out).toBe("");
    expect(io.err.trim().split("\n")).toHaveLength(1);
    expect(io.err).toContain(join(dir, "gone.yaml"));
  });

  it("rejects other usage with exit 2", async () => {
    const io = capture();
    expect(await run(["render"], io)).toBe(2);
    expect(io.err).toContain("usage: kustomize-ts build <dir>");
  });
});
