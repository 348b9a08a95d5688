/**
 * `npm run bench -- render`: renders a synthetic fleet in one process and runs `kubectl kustomize`
 * on the emitted trees of the same fleet, in the same run.
 *
 * Flags: --clusters=500 --namespaces=20 --kubectl-sample=20 --keep=DIR (keep the generated fleet
 * on disk: `npx fleet-baseline render --root DIR` and `kubectl kustomize` reproduce it by hand).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createRenderCache, type RenderedFleet, renderFleet } from "@fleet-baseline/render";
import { nodeFs } from "kustomize-ts/node";
import { generateFleet } from "../fleet-gen.ts";

function flag(flags: string[], name: string, fallback: string): string {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function run(flags: string[]): Promise<void> {
  const clusters = Number(flag(flags, "clusters", "500"));
  const namespaces = Number(flag(flags, "namespaces", "20"));
  const sample = Math.min(clusters, Number(flag(flags, "kubectl-sample", "20")));
  const keep = flag(flags, "keep", "");
  const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), "fleet-bench-"));
  const repoRoot = join(import.meta.dirname, "..", "..");
  const names = generateFleet(dir, { clusters, namespaces }, repoRoot);
  const now = new Date();
  console.log(`synthetic fleet: ${clusters} clusters × ${namespaces} namespaces in ${dir}`);

  // Render the first quarter, half and all of the fleet, each in a fresh memo, to show the growth.
  const rows: string[] = [];
  let last: RenderedFleet | undefined;
  let peakRss = 0;
  let peakHeap = 0;
  let totalMs = 0;
  let totalCpuMs = 0;
  for (const n of [
    Math.max(1, Math.floor(clusters / 4)),
    Math.max(1, Math.floor(clusters / 2)),
    clusters,
  ]) {
    last = undefined;
    const cache = createRenderCache();
    const start = performance.now();
    const cpu = process.cpuUsage();
    const fleet = renderFleet(nodeFs, {
      root: dir,
      now,
      clusters: names.slice(0, n),
      cache,
      onProgress: () => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
      },
    });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const objects = fleet.clusters.reduce((a, c) => a + c.objects.length, 0);
    rows.push(
      `| ${n} | ${objects} | ${ms.toFixed(0)} | ${((used.user + used.system) / 1000).toFixed(0)} | ${(ms / n).toFixed(1)} | ${cache.builds.size} / ${n * (namespaces + 1)} |`,
    );
    if (n === clusters) {
      last = fleet;
      totalMs = ms;
      totalCpuMs = (used.user + used.system) / 1000;
    }
  }
  console.log("\nfleet-baseline render (one process, kustomize-ts):\n");
  console.log("| clusters | objects | wall ms | cpu ms | ms / cluster | sub-builds run / needed |");
  console.log("|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(r);
  console.log(
    `\npeak RSS ${mib(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))}, peak heap ${mib(peakHeap)} (whole bench process)`,
  );
  if (!last) return;

  // kubectl kustomize on the emitted trees of an evenly spaced sample, checked byte for byte.
  const step = clusters / sample;
  const picked = Array.from(
    { length: sample },
    (_, i) => last.clusters[Math.floor(i * step)],
  ).filter((c) => c !== undefined);
  const emitRoot = join(dir, ".emitted");
  let kubectlMs = 0;
  let kubectlCpuMs = 0;
  let mismatches = 0;
  // GNU time reports the child's CPU time too: on a busy machine wall time alone misleads.
  const gnuTime = existsSync("/usr/bin/time");
  for (const cluster of picked) {
    const treeDir = join(emitRoot, cluster.name);
    for (const [rel, content] of Object.entries(cluster.tree)) {
      mkdirSync(dirname(join(treeDir, rel)), { recursive: true });
      writeFileSync(join(treeDir, rel), content);
    }
    const start = performance.now();
    const out = gnuTime
      ? spawnSync("/usr/bin/time", ["-f", "cpu %U %S", "kubectl", "kustomize", treeDir], {
          encoding: "utf8",
          maxBuffer: 1 << 28,
        })
      : spawnSync("kubectl", ["kustomize", treeDir], { encoding: "utf8", maxBuffer: 1 << 28 });
    kubectlMs += performance.now() - start;
    const cpuLine = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(out.stderr ?? "");
    if (cpuLine) kubectlCpuMs += (Number(cpuLine[1]) + Number(cpuLine[2])) * 1000;
    if (out.status !== 0)
      throw new Error(`kubectl kustomize failed on ${cluster.name}: ${out.stderr}`);
    if (out.stdout !== cluster.yaml) mismatches++;
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else rmSync(emitRoot, { recursive: true, force: true });
  const perCluster = kubectlMs / picked.length;
  const estimate = perCluster * clusters;
  const cpuEstimate = (kubectlCpuMs / picked.length) * clusters;
  console.log(
    `\nkubectl kustomize on the emitted trees: ${picked.length} of ${clusters} clusters sampled (every ${step.toFixed(1)}th; all ${clusters} would take too long), ${perCluster.toFixed(0)} ms wall${kubectlCpuMs ? ` / ${(kubectlCpuMs / picked.length).toFixed(0)} ms cpu` : ""} per cluster, ~${(estimate / 1000).toFixed(1)} s wall for the fleet; ${mismatches} byte mismatches against the render`,
  );
  console.log(
    `\nspeed-up over kubectl for the whole fleet: ${(estimate / totalMs).toFixed(1)}x wall (render ${(totalMs / 1000).toFixed(1)} s vs kubectl ~${(estimate / 1000).toFixed(1)} s)${kubectlCpuMs ? `, ${(cpuEstimate / totalCpuMs).toFixed(1)}x cpu (render ${(totalCpuMs / 1000).toFixed(1)} s vs kubectl ~${(cpuEstimate / 1000).toFixed(1)} s)` : ""}`,
  );
}
