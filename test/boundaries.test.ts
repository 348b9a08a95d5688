import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const packagesDir = join(root, "packages");

/** Which workspace packages each package may import: the house dependency direction. */
const allowed: Record<string, string[]> = {
  "kustomize-ts": [],
  "@fleet-baseline/model": [],
  "@fleet-baseline/render": ["@fleet-baseline/model", "kustomize-ts"],
  "@fleet-baseline/posture": ["@fleet-baseline/model"],
  "@fleet-baseline/drift": ["@fleet-baseline/model"],
  "@fleet-baseline/bot": [
    "@fleet-baseline/model",
    "@fleet-baseline/render",
    "@fleet-baseline/posture",
    "@fleet-baseline/drift",
    "kustomize-ts",
  ],
  "@fleet-baseline/cli": [
    "@fleet-baseline/model",
    "@fleet-baseline/render",
    "@fleet-baseline/posture",
    "@fleet-baseline/drift",
    "@fleet-baseline/bot",
    "kustomize-ts",
  ],
};

function workspacePackages(): { name: string; dir: string; deps: string[]; exports: string[] }[] {
  return readdirSync(packagesDir).map((dir) => {
    const pkg = JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8"));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    return { name: pkg.name as string, dir, deps, exports: Object.keys(pkg.exports ?? {}) };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("package boundaries", () => {
  const pkgs = workspacePackages();
  const names = new Set(pkgs.map((p) => p.name));

  it("knows every workspace package", () => {
    expect([...names].sort()).toEqual(Object.keys(allowed).sort());
  });

  for (const pkg of pkgs) {
    it(`${pkg.name} depends only on packages below it`, () => {
      const internal = pkg.deps.filter((d) => names.has(d));
      expect(internal.filter((d) => !allowed[pkg.name]?.includes(d))).toEqual([]);
    });

    it(`${pkg.name} imports no workspace package it does not declare, and none deeply`, () => {
      const bad: string[] = [];
      for (const file of sourceFiles(join(packagesDir, pkg.dir, "src"))) {
        const text = readFileSync(file, "utf8");
        for (const m of text.matchAll(
          // Statements only: an `import` inside a doc comment's example is not an edge.
          /^\s*(?:import|export)\b[^;]*?\bfrom\s+"((?:@fleet-baseline\/[^"/]+|kustomize-ts)(\/[^"]*)?)"/gm,
        )) {
          const spec = m[1] ?? "";
          const base = spec.startsWith("@")
            ? spec.split("/").slice(0, 2).join("/")
            : (spec.split("/")[0] ?? "");
          const sub = m[2] ?? "";
          if (base === pkg.name) bad.push(`${file}: imports itself by name`);
          else if (!pkg.deps.includes(base)) bad.push(`${file}: ${spec} not declared`);
          // A subpath is a door only when the package declares it in its exports map.
          else if (sub && !pkgs.find((p) => p.name === base)?.exports.includes(`.${sub}`))
            bad.push(`${file}: deep import ${spec}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
