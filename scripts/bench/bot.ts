/**
 * The PR bot's API cost: calls per cluster for the first PR (create), a changed render (update), an
 * unchanged render (no-op) and a render the base already holds (close), measured against the
 * in-process GitHub emulator driven by the real octokit. Target: no-op at most 3 reads, 0 writes.
 *
 * Flags: --bot-clusters=N (default 10), --bot-files=N rendered files per cluster (default: the example
 * cluster prod-eu's render when present, else 60 synthetic files).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createGitHubHost, createOctokit, syncCluster } from "@fleet-baseline/bot";
import { GitHubEmulator } from "@fleet-baseline/bot/testing";

function flag(flags: string[], name: string): string | undefined {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

function exampleRender(): Map<string, string> | undefined {
  const dir = join(process.cwd(), "rendered", "prod-eu");
  if (!existsSync(dir)) return undefined;
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else files.set(rel, readFileSync(join(dir, rel), "utf8"));
    }
  };
  walk("");
  return files;
}

function synthetic(n: number): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    files.set(
      `ns-${i % 5}/configmap_c${i}.yaml`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: ns-${i % 5}\ndata:\n  k: "${i}"\n`,
    );
  }
  return files;
}

export async function run(flags: string[]): Promise<void> {
  const clusters = Number(flag(flags, "bot-clusters") ?? 10);
  const fileCount = flag(flags, "bot-files");
  const v1 = fileCount ? synthetic(Number(fileCount)) : (exampleRender() ?? synthetic(60));
  const [firstPath] = [...v1.keys()].filter((p) => p.endsWith(".yaml"));
  const v2 = new Map(v1);
  v2.set(firstPath as string, `${v1.get(firstPath as string)}# changed\n`);

  const emu = new GitHubEmulator();
  const started = Date.now();
  const octokit = createOctokit({
    auth: { kind: "token", token: "ghs_benchtoken" },
    fetch: emu.fetch,
    // The emulator does not rate-limit; octokit's limiter would only add its fixed write spacing.
    throttle: { enabled: false },
  });
  const host = createGitHubHost(octokit);
  const names = Array.from({ length: clusters }, (_, i) => `c${i}`);
  for (const name of names) emu.seedRepo("acme", name, { "README.md": `# ${name}\n` });
  const target = (name: string, files: Map<string, string>) => ({
    cluster: name,
    repository: { owner: "acme", name, branch: "main", path: "manifests" },
    files,
  });

  const rows: string[] = [];
  const phase = async (
    label: string,
    files: (name: string) => Map<string, string>,
    expected: string,
  ) => {
    const from = emu.calls.length;
    const t0 = Date.now();
    const actions = new Set<string>();
    for (const name of names)
      actions.add((await syncCluster(host, target(name, files(name)))).action);
    const calls = emu.calls.slice(from);
    const reads = calls.filter((c) => !c.write).length / clusters;
    const writes = calls.filter((c) => c.write).length / clusters;
    const ms = (Date.now() - t0) / clusters;
    rows.push(
      `| ${label} | ${[...actions].join(", ")} | ${reads.toFixed(1)} | ${writes.toFixed(1)} | ${ms.toFixed(1)} |`,
    );
    if (!actions.has(expected) || actions.size !== 1)
      throw new Error(`${label}: expected ${expected}, got ${[...actions]}`);
    return { reads, writes };
  };

  await phase("create (first PR)", () => v1, "created");
  await phase("update (render changed)", () => v2, "updated");
  const noop = await phase("no-op (unchanged)", () => v2, "unchanged");
  // The base moves outside the cluster's path: still no write, one more read.
  for (const name of names) emu.pushCommit(`acme/${name}`, "main", { "docs/x.md": "x\n" });
  const moved = await phase("no-op (base moved elsewhere)", () => v2, "unchanged");
  // Someone merges the rendered state into the base by hand: the PR is closed, the branch deleted.
  for (const name of names) {
    const files: Record<string, string> = {};
    for (const [p, c] of v2) files[`manifests/${p}`] = c;
    emu.pushCommit(`acme/${name}`, "main", files);
  }
  await phase("close (no longer needed)", () => v2, "closed");

  console.log(
    `${clusters} clusters x ${v1.size} rendered files, GitHub emulator (OpenAPI-validated), real octokit\n`,
  );
  console.log("| scenario | action | reads / cluster | writes / cluster | ms / cluster |");
  console.log("| --- | --- | ---: | ---: | ---: |");
  for (const row of rows) console.log(row);
  const ok = noop.reads <= 3 && noop.writes === 0 && moved.reads <= 3 && moved.writes === 0;
  console.log(
    `\nno-op target (<= 3 reads, 0 writes): ${ok ? "met" : "MISSED"}; ${emu.violations.length} OpenAPI violations; ${Date.now() - started} ms in all`,
  );
  if (emu.violations.length) console.log(emu.violations.slice(0, 5).join("\n"));
}
