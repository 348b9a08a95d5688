import { KustomizeError } from "./errors.ts";
import type { FileSystem } from "./fs.ts";

/**
 * An in-memory file system from a map of absolute paths to contents. Directories are implied by
 * the paths; `links` maps a path to the absolute path it points to.
 */
export function createMemoryFs(
  files: Record<string, string | Uint8Array>,
  links: Record<string, string> = {},
): FileSystem {
  const encoder = new TextEncoder();
  const data = new Map<string, Uint8Array>();
  const dirs = new Set<string>(["/"]);
  for (const [path, content] of Object.entries(files)) {
    const p = normalize(path);
    data.set(p, typeof content === "string" ? encoder.encode(content) : content);
    for (let d = parent(p); d !== "/"; d = parent(d)) dirs.add(d);
  }
  const realPath = (path: string): string => {
    let p = normalize(path);
    for (let guard = 0; guard < 40; guard++) {
      const link = Object.entries(links).find(([from]) => p === from || p.startsWith(`${from}/`));
      if (!link) return p;
      p = normalize(link[1] + p.slice(link[0].length));
    }
    return p;
  };
  return {
    readFile(path) {
      const content = data.get(realPath(path));
      if (!content) throw new KustomizeError("NOT_FOUND", `no such file: ${path}`, { file: path });
      return content;
    },
    exists: (path) => data.has(realPath(path)) || dirs.has(realPath(path)),
    isDir: (path) => dirs.has(realPath(path)),
    readDir(path) {
      const dir = realPath(path);
      const prefix = dir === "/" ? "/" : `${dir}/`;
      const names = new Set<string>();
      for (const p of [...data.keys(), ...dirs]) {
        if (p.startsWith(prefix) && p !== dir)
          names.add(p.slice(prefix.length).split("/")[0] ?? "");
      }
      return [...names].filter(Boolean).sort();
    },
    realPath,
  };
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

function parent(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}
