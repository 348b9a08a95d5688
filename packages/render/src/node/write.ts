import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { RenderedCluster } from "../render.ts";
import { renderedFiles } from "../render.ts";

/** Every file below `dir`, by path relative to it (POSIX separators). Empty when absent. */
export function readFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[
      full
        .slice(dir.length + 1)
        .split("\\")
        .join("/")
    ] = readFileSync(full, "utf8");
  }
  return out;
}

/**
 * Replaces `dir` with exactly `files`: everything is written to a sibling temp folder first and
 * swapped in by rename, so a failure leaves the previous contents as they were.
 */
export function writeDirAtomic(dir: string, files: Record<string, string>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmp = join(parent, `.${basename(dir)}.tmp-${tag}`);
  const old = join(parent, `.${basename(dir)}.old-${tag}`);
  try {
    for (const [rel, content] of Object.entries(files)) {
      const path = join(tmp, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    mkdirSync(tmp, { recursive: true });
    const hadOld = existsSync(dir);
    if (hadOld) renameSync(dir, old);
    try {
      renameSync(tmp, dir);
    } catch (error) {
      if (hadOld) renameSync(old, dir);
      throw error;
    }
    if (hadOld) rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Writes `rendered/<cluster>/` for each cluster. With `prune`, cluster folders that are no longer
 * in the fleet are removed (only folders holding an index.json, i.e. earlier renders).
 */
export function writeRendered(
  outDir: string,
  clusters: RenderedCluster[],
  options: { prune?: boolean } = {},
): void {
  for (const cluster of clusters)
    writeDirAtomic(join(outDir, cluster.name), renderedFiles(cluster));
  if (!options.prune || !existsSync(outDir)) return;
  const keep = new Set(clusters.map((c) => c.name));
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || keep.has(entry.name) || entry.name.startsWith(".")) continue;
    if (existsSync(join(outDir, entry.name, "index.json"))) {
      rmSync(join(outDir, entry.name), { recursive: true, force: true });
    }
  }
}
