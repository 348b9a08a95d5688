import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { FleetError } from "@fleet-baseline/model";
import type { CliIo } from "./io.ts";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** The options every cluster-selecting command takes: `--cluster NAME`... and `--root DIR`. */
export const CLUSTER_OPTIONS = {
  cluster: { type: "string", multiple: true },
  root: { type: "string" },
} as const satisfies OptionsConfig;

/** Strict flags, no positionals: an unknown or misspelt flag is a usage error. */
export function parseFlags<const O extends OptionsConfig>(argv: string[], options: O) {
  return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
}

/** The repository root: `--root DIR` against the working directory, else the working directory. */
export function repoRoot(io: CliIo, root: string | undefined): string {
  return resolve(io.cwd, root ?? ".");
}

/** `--format` (or any flag) checked against its allowed values. */
export function oneOf<const T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const chosen = (value ?? fallback) as T;
  if (!allowed.includes(chosen)) {
    throw new FleetError("USAGE", `--${flag} must be one of ${allowed.join(", ")}, not "${value}"`);
  }
  return chosen;
}

/** Clusters of the repository: the names of clusters/<name>/ holding a cluster.yaml, sorted. */
export function knownClusters(root: string): string[] {
  const dir = join(root, "clusters");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => existsSync(join(dir, n, "cluster.yaml")))
        .sort()
    : [];
}

/** Every cluster, for `--all`: at least one, else a NOT_FOUND that says where to run from. */
export function allClusters(root: string): string[] {
  const names = knownClusters(root);
  if (!names.length) {
    throw new FleetError("NOT_FOUND", "no clusters/<name>/cluster.yaml found", {
      file: join(root, "clusters"),
      hint: "run from the repository root or pass --root DIR",
    });
  }
  return names;
}
