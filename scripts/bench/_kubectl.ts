/**
 * Shared by the kustomize-ts and render benchmarks: writing generated trees and timing
 * `kubectl kustomize` (the oracle) on them. Not a benchmark itself (`scripts/bench.ts` lists those).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes `text` to `path`, creating its directories. */
export function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes every file of `files` (paths relative to `root`). */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) write(join(root, rel), content);
}

/** Runs `kubectl kustomize dir`: wall time and stdout (throws when kubectl fails). */
export function timeKubectl(dir: string): { ms: number; out: string } {
  const t0 = performance.now();
  const out = execFileSync("kubectl", ["kustomize", dir], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return { ms: performance.now() - t0, out };
}

export const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/**
 * A Deployment `name` (label `app: name`, 2 replicas) whose pod runs the container `app` with
 * image `registry.example.com/name:1.0.0`. `labels`, `podSpec` and `container` are extra YAML
 * lines, already indented, at the end of `metadata.labels`, before `containers` and after the
 * container's image.
 */
export function deployment(
  name: string,
  extra: { labels?: string; podSpec?: string; container: string },
): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
${extra.labels ?? ""}spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${extra.podSpec ?? ""}      containers:
      - name: app
        image: registry.example.com/${name}:1.0.0
${extra.container}`;
}

/**
 * A Service `name` selecting `app: name`, port 80 to 8080. `metadata` is extra YAML lines at the
 * end of `metadata`; `port` goes before `port: 80` in the one port entry.
 */
export function service(name: string, extra: { metadata?: string; port?: string } = {}): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${extra.metadata ?? ""}spec:
  selector:
    app: ${name}
  ports:
  - ${extra.port ?? ""}port: 80
    targetPort: 8080
`;
}
