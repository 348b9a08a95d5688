/**
 * `npm run bench -- render`: renders a synthetic fleet in one process and runs `kubectl kustomize`
 * on the emitted trees of the same fleet, in the same run.
 *
 * Flags: --clusters=500 --namespaces=20 --kubectl-sample=20 --keep=DIR (keep the generated fleet
 * on disk: `npx fleet-baseline render --root DIR` and `kubectl kustomize` reproduce it by hand).
 * Each render pass runs in a fresh child process, so its time and peak memory are its own.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRenderCache, renderFleet } from "@fleet-baseline/render";
import { nodeFs } from "kustomize-ts/node";
import { generateFleet } from "../fleet-gen.ts";
import { writeTree } from "./_kubectl.ts";

function flag(flags: string[], name: string, fallback: string): string {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

interface Pass {
  clusters: number;
  objects: number;
  wallMs: number;
  cpuMs: number;
  builds: number;
  maxRssMiB: number;
  peakHeapMiB: number;
}

/** One render pass over the first `n` clusters (child-process side). */
function renderPass(dir: string, n: number, now: Date): Pass {
  const names = Array.from({ length: n }, (_, i) => `c${String(i).padStart(4, "0")}`);
  const cache = createRenderCache();
  let peakHeap = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const fleet = renderFleet(nodeFs, {
    root: dir,
    now,
    clusters: names,
    cache,
    onProgress: () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    clusters: n,
    objects: fleet.clusters.reduce((a, c) => a + c.objects.length, 0),
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    builds: cache.builds.size,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    peakHeapMiB: peakHeap / 2 ** 20,
  };
}

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

  // A quarter, half and all of the fleet, each rendered by a fresh process (fresh memo).
  const sizes = [...new Set([Math.ceil(clusters / 4), Math.ceil(clusters / 2), clusters])];
  const passes: Pass[] = [];
  for (const n of sizes) {
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        fileURLToPath(import.meta.url),
        "--child",
        dir,
        String(n),
        now.toISOString(),
      ],
      { cwd: repoRoot, encoding: "utf8", maxBuffer: 1 << 24 },
    );
    const line = child.stdout.trim().split("\n").pop() ?? "";
    if (child.status !== 0 || !line.startsWith("{")) {
      throw new Error(`render pass over ${n} clusters failed: ${child.stderr}`);
    }
    passes.push(JSON.parse(line) as Pass);
  }
  console.log("\nfleet-baseline render (one process per pass, kustomize-ts):\n");
  console.log(
    "| clusters | objects | wall ms | cpu ms | cpu ms / cluster | sub-builds run / needed | peak RSS | peak heap |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const p of passes) {
    console.log(
      `| ${p.clusters} | ${p.objects} | ${p.wallMs.toFixed(0)} | ${p.cpuMs.toFixed(0)} | ${(p.cpuMs / p.clusters).toFixed(1)} | ${p.builds} / ${p.clusters * (namespaces + 1)} | ${p.maxRssMiB.toFixed(0)} MiB | ${p.peakHeapMiB.toFixed(0)} MiB |`,
    );
  }
  const full = passes[passes.length - 1];
  if (!full) return;

  // kubectl kustomize on the emitted trees of an evenly spaced sample, checked byte for byte.
  const step = clusters / sample;
  const picked = Array.from({ length: sample }, (_, i) => names[Math.floor(i * step)]).filter(
    (n): n is string => n !== undefined,
  );
  const rendered = renderFleet(nodeFs, { root: dir, now, clusters: picked });
  const emitRoot = join(dir, ".emitted");
  let kubectlMs = 0;
  let kubectlCpuMs = 0;
  let mismatches = 0;
  // GNU time reports the child's CPU time too: on a busy machine wall time alone misleads.
  const gnuTime = existsSync("/usr/bin/time");
  for (const cluster of rendered.clusters) {
    const treeDir = join(emitRoot, cluster.name);
    writeTree(treeDir, cluster.tree);
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
    if (out.status !== 0) {
      throw new Error(`kubectl kustomize failed on ${cluster.name}: ${out.stderr}`);
    }
    if (out.stdout !== cluster.yaml) mismatches++;
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else rmSync(emitRoot, { recursive: true, force: true });
  const count = rendered.clusters.length;
  const wallEstimate = (kubectlMs / count) * clusters;
  const cpuEstimate = (kubectlCpuMs / count) * clusters;
  console.log(
    `\nkubectl kustomize on the emitted trees: ${count} of ${clusters} clusters sampled (every ${step.toFixed(1)}th; all ${clusters} would take too long), ${(kubectlMs / count).toFixed(0)} ms wall${kubectlCpuMs ? ` / ${(kubectlCpuMs / count).toFixed(0)} ms cpu` : ""} per cluster, ~${(wallEstimate / 1000).toFixed(1)} s wall for the fleet; ${mismatches} byte mismatches against the render`,
  );
  console.log(
    `\nspeed-up over kubectl for the whole fleet: ${(wallEstimate / full.wallMs).toFixed(1)}x wall (render ${(full.wallMs / 1000).toFixed(1)} s vs kubectl ~${(wallEstimate / 1000).toFixed(1)} s)${kubectlCpuMs ? `, ${(cpuEstimate / full.cpuMs).toFixed(1)}x cpu (render ${(full.cpuMs / 1000).toFixed(1)} s vs kubectl ~${(cpuEstimate / 1000).toFixed(1)} s)` : ""}`,
  );
}

if (process.argv[2] === "--child" && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, n, now] = process.argv.slice(3);
  console.log(JSON.stringify(renderPass(dir ?? "", Number(n), new Date(now ?? ""))));
}
