/**
 * `npm ci` on npm 11 refuses a lockfile that lacks entries for other platforms' optional binary
 * packages (biome, turbo, esbuild ship one package per OS/CPU). The registry this project is
 * developed against does not serve some of those packages, so npm leaves them out of the lockfile
 * it writes, and a clean `npm ci` then fails with "Missing: @biomejs/cli-darwin-arm64 from lock
 * file". This script adds a placeholder entry for each such package, with the os/cpu/libc that
 * npm matches against, so `npm ci` skips them as it would on any machine of another platform.
 *
 * Run after any `npm install` that rewrites package-lock.json: `npx tsx scripts/lock-platforms.ts`.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8")) as { packages: Record<string, LockEntry> };

function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> {
  const n = name.toLowerCase();
  const os =
    ["darwin", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix", "win32", "linux"].find(
      (o) => n.includes(o),
    ) ?? (n.includes("windows") ? "win32" : undefined);
  const cpu =
    ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "mips64el"].find((c) =>
      new RegExp(`(^|[-/])${c}($|-)`).test(n),
    ) ?? (/(^|[-/])64($|-)/.test(n) ? "x64" : undefined);
  return {
    ...(os ? { os: [os] } : { os: ["none"] }),
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(n.includes("musl") ? { libc: ["musl"] } : {}),
  };
}

const added: string[] = [];
for (const entry of Object.values(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key]) continue;
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(dep),
    };
    added.push(`${dep}@${version}`);
  }
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([
  ...(root ? [root] : []),
  ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
]);
const tmp = new URL("../package-lock.json.tmp", import.meta.url);
writeFileSync(tmp, `${JSON.stringify(lock, null, 2)}\n`);
renameSync(tmp, file);
console.log(added.length ? `added placeholders: ${added.join(", ")}` : "lockfile complete");
