/**
 * kustomize-ts benchmark against `kubectl kustomize` (Kustomize v5.5.0), measured in the same run:
 * a batch of 200 small trees (kustomize-ts in one process, one kubectl process per tree), one
 * large tree of about 2,000 resources across bases and overlays, and the time per 1,000 resources
 * at 1k, 4k and 16k resources (growth should be linear). Trees are generated in a temp dir.
 * Flags: `--small=N` (default 200), `--no-kubectl` (skip the oracle timings).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "kustomize-ts";
import { nodeFs } from "kustomize-ts/node";
import { deployment, fmt, service, timeKubectl, write } from "./_kubectl.ts";

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

function app(name: string): string {
  return `${deployment(name, {
    podSpec: `      serviceAccountName: ${name}\n`,
    container: `        envFrom:
        - configMapRef:
            name: ${name}-config
        ports:
        - containerPort: 8080
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
`,
  })}---
${service(name)}---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
  LOG_LEVEL: info
  FEATURE_FLAG: "on"
`;
}

const NETPOL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

/** A base with `apps` apps (4 resources each) and overlays that each include it. */
export function smallTree(root: string): string {
  write(join(root, "base/kustomization.yaml"), "resources:\n- app.yaml\n- netpol.yaml\n");
  write(join(root, "base/app.yaml"), app("web"));
  write(join(root, "base/netpol.yaml"), NETPOL);
  write(
    join(root, "overlay/kustomization.yaml"),
    `namespace: shop
namePrefix: prod-
labels:
- pairs:
    team: payments
  includeSelectors: true
commonAnnotations:
  owner: team-payments
images:
- name: registry.example.com/web
  newTag: 1.2.3
replicas:
- name: web
  count: 3
configMapGenerator:
- name: web-config
  behavior: merge
  literals:
  - LOG_LEVEL=debug
resources:
- ../base
`,
  );
  return join(root, "overlay");
}

/** `envs` overlays × `bases` bases × `apps` apps × 4 resources (+1 NetworkPolicy per base). */
export function largeTree(
  root: string,
  envs: number,
  bases: number,
  apps: number,
): { dir: string; count: number } {
  const baseNames: string[] = [];
  for (let b = 0; b < bases; b++) {
    const files: string[] = [];
    for (let a = 0; a < apps; a++) {
      write(join(root, `bases/b${b}/app${a}.yaml`), app(`svc${b}-${a}`));
      files.push(`app${a}.yaml`);
    }
    write(join(root, `bases/b${b}/netpol.yaml`), NETPOL.replace("default-deny", `deny-${b}`));
    files.push("netpol.yaml");
    write(
      join(root, `bases/b${b}/kustomization.yaml`),
      `resources:\n${files.map((f) => `- ${f}\n`).join("")}`,
    );
    baseNames.push(`b${b}`);
  }
  for (let e = 0; e < envs; e++) {
    write(
      join(root, `envs/e${e}/kustomization.yaml`),
      `namespace: env-${e}
namePrefix: e${e}-
commonLabels:
  env: e${e}
configMapGenerator:
- name: env-settings
  literals:
  - ENV=e${e}
resources:
${baseNames.map((b) => `- ../../bases/${b}\n`).join("")}`,
    );
  }
  write(
    join(root, "kustomization.yaml"),
    `resources:\n${Array.from({ length: envs }, (_, e) => `- envs/e${e}\n`).join("")}`,
  );
  return { dir: root, count: envs * (bases * (apps * 4 + 1) + 1) };
}

let peakHeap = 0;
function sampleHeap(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

function timeTs(dir: string): { ms: number; resources: number } {
  const t0 = performance.now();
  const r = build(nodeFs, dir);
  const ms = performance.now() - t0;
  sampleHeap();
  return { ms, resources: r.resources.length };
}

export async function run(flags: string[]): Promise<void> {
  const smallCount = flag(flags, "small", 200);
  const withKubectl = !flags.includes("--no-kubectl");
  const root = mkdtempSync(join(tmpdir(), "kts-bench-"));
  try {
    // Batch of small trees.
    const smallDirs = Array.from({ length: smallCount }, (_, i) =>
      smallTree(join(root, `small-${i}`)),
    );
    timeTs(smallDirs[0] as string); // warm-up (module load, JIT)
    let tsBatch = 0;
    let batchResources = 0;
    for (const dir of smallDirs) {
      const r = timeTs(dir);
      tsBatch += r.ms;
      batchResources += r.resources;
    }
    let kBatch = Number.NaN;
    let identical = 0;
    if (withKubectl) {
      kBatch = 0;
      for (const dir of smallDirs) {
        const k = timeKubectl(dir);
        kBatch += k.ms;
        if (k.out === build(nodeFs, dir).yaml) identical++;
      }
    }
    console.log(`batch: ${smallCount} small trees, ${batchResources} resources`);
    console.log(`  kustomize-ts (one process): ${fmt(tsBatch)}`);
    if (withKubectl) {
      console.log(`  kubectl kustomize (one process per tree): ${fmt(kBatch)}`);
      console.log(
        `  ratio: kustomize-ts is ${(kBatch / tsBatch).toFixed(1)}x faster (target >= 10x)`,
      );
      console.log(`  byte-identical outputs: ${identical}/${smallCount}`);
    }

    // One large tree (~2,000 resources across bases and overlays).
    const large = largeTree(join(root, "large"), 5, 20, 5);
    timeTs(large.dir);
    const tsLarge = Math.min(...[0, 1, 2].map(() => timeTs(large.dir).ms));
    console.log(`\nlarge tree: ${large.count} resources (5 overlays x 20 bases)`);
    console.log(`  kustomize-ts: ${fmt(tsLarge)} (best of 3)`);
    if (withKubectl) {
      const k = timeKubectl(large.dir);
      const same = k.out === build(nodeFs, large.dir).yaml;
      console.log(`  kubectl kustomize: ${fmt(k.ms)}`);
      console.log(
        `  ratio: kustomize-ts is ${(k.ms / tsLarge).toFixed(1)}x faster (target >= 1x); byte-identical: ${same}`,
      );
    }

    // Scaling.
    console.log("\nscaling (kustomize-ts, time per 1,000 resources):");
    for (const [label, bases] of [
      ["1k", 10],
      ["4k", 40],
      ["16k", 160],
    ] as const) {
      const tree = largeTree(join(root, `scale-${label}`), 5, bases, 5);
      timeTs(tree.dir); // warm-up on this size, so every size is measured hot
      const ms = timeTs(tree.dir).ms;
      console.log(
        `  ${label.padEnd(4)} ${String(tree.count).padStart(6)} resources: ${fmt(ms).padStart(10)}  ${fmt((ms / tree.count) * 1000).padStart(9)} / 1k`,
      );
    }
    const maxRss = process.resourceUsage().maxRSS / 1024;
    console.log(
      `\npeak memory: heapUsed ${(peakHeap / 2 ** 20).toFixed(0)} MiB, maxRSS ${maxRss.toFixed(0)} MiB`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
