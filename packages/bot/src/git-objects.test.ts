import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  EMPTY_TREE_SHA,
  flatTreeOf,
  gitBlobSha,
  replaceSubtree,
  rootTreeSha,
  subtree,
  treeShas,
} from "./git-objects.ts";
import { GitHubEmulator } from "./testing/emulator.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync("git", args, {
    cwd,
    input,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", HOME: cwd },
  }).trim();
}

/** `git write-tree` of exactly these files, in a fresh repository. */
function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "fb-git-"));
  dirs.push(dir);
  git(dir, ["init", "-q"]);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  if (Object.keys(files).length) git(dir, ["add", "-A"]);
  return git(dir, ["write-tree"]);
}

const sample: Record<string, string> = {
  "index.json": '{"cluster":"prod"}\n',
  "payments/networkpolicy-default-deny.yaml": "kind: NetworkPolicy\n",
  "payments/secret-db.yaml": "kind: Secret\n",
  "payments-api/role-x.yaml": "kind: Role\n",
  "a.yaml": "x: 1\n",
  "a/b/c.yaml": "deep: true\n",
  "ümlaut/ß.yaml": "unicode: yes\n",
};

/** SHAs a serialised tree points at. */
function treeChildren(bytes: Buffer): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const nul = bytes.indexOf(0, i);
    out.push(bytes.subarray(nul + 1, nul + 21).toString("hex"));
    i = nul + 21;
  }
  return out;
}

describe("git object ids", () => {
  it("blob SHAs equal git hash-object", () => {
    const dir = mkdtempSync(join(tmpdir(), "fb-git-"));
    dirs.push(dir);
    git(dir, ["init", "-q"]);
    for (const content of ["", "hello\n", "ümlaut ✓\n", "no newline"]) {
      expect(gitBlobSha(content)).toBe(git(dir, ["hash-object", "--stdin"], content));
    }
  });

  it("tree SHAs equal git write-tree, including name order where a directory sorts as name/", () => {
    expect(rootTreeSha(flatTreeOf(new Map(Object.entries(sample))))).toBe(writeTree(sample));
    expect(EMPTY_TREE_SHA).toBe(writeTree({}));
  });

  it("every subtree SHA equals git's, and git mktree agrees on one level", () => {
    const shas = treeShas(flatTreeOf(new Map(Object.entries(sample))));
    const dir = mkdtempSync(join(tmpdir(), "fb-git-"));
    dirs.push(dir);
    git(dir, ["init", "-q"]);
    const blob = git(dir, ["hash-object", "-w", "--stdin"], "kind: NetworkPolicy\n");
    const secret = git(dir, ["hash-object", "-w", "--stdin"], "kind: Secret\n");
    const mktree = git(
      dir,
      ["mktree"],
      `100644 blob ${blob}\tnetworkpolicy-default-deny.yaml\n100644 blob ${secret}\tsecret-db.yaml\n`,
    );
    expect(shas.get("payments")).toBe(mktree);
  });

  it("matches git write-tree on random file sets", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc
            .array(fc.constantFrom("a", "b", "a-b", "a.b", "z", "ns"), {
              minLength: 1,
              maxLength: 3,
            })
            .map((p) => `${p.join("/")}.yaml`),
          fc.string({ maxLength: 20 }),
          { minKeys: 1, maxKeys: 6 },
        ),
        (files) => {
          // A path may not be both a file and a directory.
          const paths = Object.keys(files);
          fc.pre(!paths.some((p) => paths.some((q) => q.startsWith(`${p.slice(0, -5)}/`))));
          expect(rootTreeSha(flatTreeOf(new Map(Object.entries(files))))).toBe(writeTree(files));
        },
      ),
      { numRuns: 15 },
    );
  });

  it("replaces and extracts subtrees", () => {
    const flat = flatTreeOf(new Map(Object.entries(sample)));
    const sub = subtree(flat, "payments");
    expect([...sub.keys()].sort()).toEqual(["networkpolicy-default-deny.yaml", "secret-db.yaml"]);
    const replaced = replaceSubtree(flat, "payments", flatTreeOf(new Map([["x.yaml", "x\n"]])));
    expect(replaced.has("payments/x.yaml")).toBe(true);
    expect(replaced.has("payments/secret-db.yaml")).toBe(false);
    expect(replaced.has("payments-api/role-x.yaml")).toBe(true);
  });

  it("the emulator stores blobs, trees and commits exactly as git does (hash-object, fsck)", () => {
    const emu = new GitHubEmulator();
    const head = emu.seedRepo("acme", "prod", sample);
    expect(emu.commit("acme/prod", head).tree).toBe(writeTree(sample));
    emu.pushCommit(
      "acme/prod",
      "main",
      { "a/b/c.yaml": null, "new/file.yaml": "n: 1\n" },
      "Second\n\nbody",
    );
    const dir = mkdtempSync(join(tmpdir(), "fb-git-"));
    dirs.push(dir);
    git(dir, ["init", "-q"]);
    const objects = emu.gitObjects("acme/prod");
    // Blobs first, then trees (children before parents: git checks links on write), then commits.
    const order = { blob: 0, tree: 1, commit: 2 };
    const pending = [...objects].sort((a, b) => order[a.type] - order[b.type]);
    const written = new Set<string>();
    while (pending.length) {
      const i = pending.findIndex(
        (o) => o.type !== "tree" || treeChildren(o.bytes).every((c) => written.has(c)),
      );
      const [o] = pending.splice(i, 1);
      if (!o) break;
      const sha = execFileSync("git", ["hash-object", "-t", o.type, "-w", "--stdin"], {
        cwd: dir,
        input: o.bytes,
        encoding: "utf8",
      }).trim();
      expect(sha).toBe(o.sha);
      written.add(sha);
    }
    git(dir, ["update-ref", "refs/heads/main", emu.head("acme/prod", "main") as string]);
    expect(() => git(dir, ["fsck", "--strict", "--no-dangling"])).not.toThrow();
  });
});
