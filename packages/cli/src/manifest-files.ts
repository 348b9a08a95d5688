import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/**
 * The manifest files (`*.yaml`, `*.yml`, `*.json`) of a file or a directory tree, sorted by name
 * at each level. A file path is returned as given. `skip(name, isDirectory)` leaves out entries
 * (a skipped directory is not entered).
 */
export function manifestFiles(
  path: string,
  skip: (name: string, isDirectory: boolean) => boolean = () => false,
): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const isDirectory = entry.isDirectory();
      if (skip(entry.name, isDirectory)) continue;
      const child = join(dir, entry.name);
      if (isDirectory) walk(child);
      else if (MANIFEST_FILE.test(entry.name)) out.push(child);
    }
  };
  walk(path);
  return out;
}
