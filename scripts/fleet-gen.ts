/**
 * Synthetic fleet generator: N clusters × M tenant namespaces over the repository's real
 * baselines/ and overlays/, for benchmarks and by-hand reproduction.
 *
 *   npx tsx scripts/fleet-gen.ts --clusters 500 --namespaces 20 --out /tmp/fleet-500x20
 *
 * Clusters rotate through the mesh × CNI × admission combinations and the three stages; every
 * namespace gets one of the example overlays. Namespace names repeat across clusters
 * (team-00 … team-NN), as they do in real fleets.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

export interface FleetShape {
  clusters: number;
  namespaces: number;
}

const MESH = ["istio", "linkerd", "none"] as const;
const CNI = ["calico", "cilium", "none"] as const;
const ADMISSION = ["kyverno", "gatekeeper"] as const;
const STAGES = ["enforce", "enforce", "audit", "observe"] as const;
const OVERLAYS = [["shop", "team-shop-access"], ["hello"], ["shop"], ["hello"]] as const;

/** The text of synthetic cluster number `i`. */
export function clusterYaml(i: number, shape: FleetShape): string {
  const name = `c${String(i).padStart(4, "0")}`;
  const stage = STAGES[i % STAGES.length] ?? "enforce";
  const lines = [
    "# yaml-language-server: $schema=../../packages/model/schemas/cluster.schema.json",
    "apiVersion: fleet-baseline.io/v1alpha1",
    "kind: Cluster",
    "metadata:",
    `  name: ${name}`,
    "  labels:",
    `    region: r${i % 7}`,
    "spec:",
    `  stage: ${stage}`,
    `  mesh: ${MESH[i % MESH.length]}`,
    `  cni: ${CNI[Math.floor(i / 3) % CNI.length]}`,
    `  admission: ${ADMISSION[Math.floor(i / 9) % ADMISSION.length]}`,
  ];
  if (stage !== "enforce") {
    // one rollout ticket per wave (stage), as platform teams run them
    lines.push(
      "  rollout:",
      "    owner: team-platform",
      `    ticket: PLAT-${stage}-wave`,
      '    expires: "2099-12-31"',
    );
  }
  lines.push("  namespaces:");
  for (let n = 0; n < shape.namespaces; n++) {
    const overlays = OVERLAYS[n % OVERLAYS.length] ?? [];
    lines.push(
      `    - name: team-${String(n).padStart(2, "0")}`,
      `      owner: team-${n % 5}`,
      `      overlays: [${overlays.join(", ")}]`,
    );
  }
  lines.push("  repository:", "    owner: corp-example", `    name: fleet-${name}`);
  return `${lines.join("\n")}\n`;
}

/** Writes a synthetic fleet repository to `dir` (replacing it) from the repository at `source`. */
export function generateFleet(dir: string, shape: FleetShape, source: string): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "clusters"), { recursive: true });
  for (const part of ["baselines", "overlays", "fleet.yaml"]) {
    cpSync(join(source, part), join(dir, part), { recursive: true });
  }
  const names: string[] = [];
  for (let i = 0; i < shape.clusters; i++) {
    const name = `c${String(i).padStart(4, "0")}`;
    mkdirSync(join(dir, "clusters", name));
    writeFileSync(join(dir, "clusters", name, "cluster.yaml"), clusterYaml(i, shape));
    names.push(name);
  }
  return names;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      clusters: { type: "string", default: "500" },
      namespaces: { type: "string", default: "20" },
      out: { type: "string" },
    },
  });
  if (!values.out) {
    console.error("usage: tsx scripts/fleet-gen.ts --clusters N --namespaces M --out DIR");
    process.exit(2);
  }
  const shape = { clusters: Number(values.clusters), namespaces: Number(values.namespaces) };
  generateFleet(values.out, shape, join(import.meta.dirname, ".."));
  console.log(`wrote ${shape.clusters} clusters × ${shape.namespaces} namespaces to ${values.out}`);
}
