/** POSIX path helpers for the pure core (no `node:path`). Paths are absolute and use `/`. */

/** Resolves `.` and `..` segments and duplicate slashes; keeps a leading `/`. */
export function cleanPath(path: string): string {
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
    } else out.push(part);
  }
  const joined = out.join("/");
  if (absolute) return `/${joined}`;
  return joined === "" ? "." : joined;
}

export function joinPath(base: string, path: string): string {
  if (path.startsWith("/")) return cleanPath(path);
  return cleanPath(`${base}/${path}`);
}

export function dirName(path: string): string {
  const clean = cleanPath(path);
  const i = clean.lastIndexOf("/");
  if (i < 0) return ".";
  return i === 0 ? "/" : clean.slice(0, i);
}

/** Like Go's `path.Base`: the last element, `/` for the root, `.` for an empty path. */
export function baseName(path: string): string {
  if (path === "") return ".";
  let p = path;
  while (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (p === "/") return "/";
  const i = p.lastIndexOf("/");
  return i < 0 ? p : p.slice(i + 1);
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/");
}

/** True when `path` equals `root` or lies below it (both cleaned, absolute). */
export function isWithin(path: string, root: string): boolean {
  if (root === "/" || path === root) return true;
  return path.startsWith(`${root}/`);
}

/** `path` relative to `from` (both absolute, cleaned). */
export function relativePath(from: string, path: string): string {
  const a = from === "/" ? [] : from.slice(1).split("/");
  const b = path === "/" ? [] : path.slice(1).split("/");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => "..");
  const rest = up.concat(b.slice(i)).join("/");
  return rest === "" ? "." : rest;
}
