import { createHash } from "node:crypto";

/** A file mode as git writes it in the API (`040000` for trees). */
export type GitMode = "100644" | "100755" | "040000" | "160000" | "120000";

/** One blob (or submodule) in a flattened tree: path relative to the tree's root. */
export interface FlatEntry {
  mode: GitMode;
  /** `blob` for files and symlinks, `commit` for submodules. */
  type: "blob" | "commit";
  sha: string;
}

/** A whole tree flattened to its leaves, keyed by slash-separated path. */
export type FlatTree = Map<string, FlatEntry>;

/** `git hash-object`: sha1 of `blob <size>\0<bytes>`. */
export function gitBlobSha(content: string | Uint8Array): string {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

interface TreeEntry {
  name: string;
  mode: GitMode;
  sha: string;
}

/** `git mktree` for one level: entries sorted as git sorts them (directories as `name/`). */
export function gitTreeSha(entries: readonly TreeEntry[]): string {
  const sorted = [...entries].sort((a, b) => compareGitNames(sortKey(a), sortKey(b)));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    // Inside the object a tree's mode is written without its leading zero.
    const mode = entry.mode === "040000" ? "40000" : entry.mode;
    parts.push(Buffer.from(`${mode} ${entry.name}\0`, "utf8"), Buffer.from(entry.sha, "hex"));
  }
  const body = Buffer.concat(parts);
  return createHash("sha1").update(`tree ${body.length}\0`).update(body).digest("hex");
}

function sortKey(entry: TreeEntry): string {
  return entry.mode === "040000" ? `${entry.name}/` : entry.name;
}

/** Byte-wise comparison, as git's `base_name_compare`. */
function compareGitNames(a: string, b: string): number {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return Buffer.compare(x, y);
}

/** The SHA of every directory of a flat tree: `""` is the root. An empty tree has the empty-tree SHA. */
export function treeShas(files: FlatTree): Map<string, string> {
  const children = new Map<string, Map<string, TreeEntry>>();
  children.set("", new Map());
  for (const [path, entry] of files) {
    const parts = path.split("/");
    let dir = "";
    for (let i = 0; i < parts.length - 1; i++) {
      const child = dir ? `${dir}/${parts[i]}` : (parts[i] as string);
      if (!children.has(child)) {
        children.set(child, new Map());
        children
          .get(dir)
          ?.set(parts[i] as string, { name: parts[i] as string, mode: "040000", sha: "" });
      }
      dir = child;
    }
    const name = parts[parts.length - 1] as string;
    children.get(dir)?.set(name, { name, mode: entry.mode, sha: entry.sha });
  }
  const shas = new Map<string, string>();
  // Deepest directories first, so every subtree SHA is known before its parent's.
  const dirs = [...children.keys()].sort((a, b) => depth(b) - depth(a));
  for (const dir of dirs) {
    const entries = [...(children.get(dir)?.values() ?? [])].map((e) =>
      e.mode === "040000" ? { ...e, sha: shas.get(dir ? `${dir}/${e.name}` : e.name) ?? "" } : e,
    );
    shas.set(dir, gitTreeSha(entries));
  }
  return shas;
}

function depth(dir: string): number {
  return dir === "" ? 0 : dir.split("/").length;
}

/** SHA of the tree holding exactly these files. */
export function rootTreeSha(files: FlatTree): string {
  return treeShas(files).get("") as string;
}

/** The SHA git gives an empty tree. */
export const EMPTY_TREE_SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** Flat tree of text files (mode 100644), blob SHAs computed locally. */
export function flatTreeOf(files: ReadonlyMap<string, string>): FlatTree {
  const flat: FlatTree = new Map();
  for (const [path, content] of files) {
    flat.set(path, { mode: "100644", type: "blob", sha: gitBlobSha(content) });
  }
  return flat;
}

/** The part of `tree` under `prefix` ("" = all), with paths relative to it. */
export function subtree(tree: FlatTree, prefix: string): FlatTree {
  if (!prefix) return new Map(tree);
  const out: FlatTree = new Map();
  const lead = `${prefix}/`;
  for (const [path, entry] of tree) {
    if (path.startsWith(lead)) out.set(path.slice(lead.length), entry);
  }
  return out;
}

/** `tree` with everything under `prefix` replaced by `replacement`. */
export function replaceSubtree(tree: FlatTree, prefix: string, replacement: FlatTree): FlatTree {
  const out: FlatTree = new Map();
  const lead = prefix ? `${prefix}/` : "";
  for (const [path, entry] of tree) {
    if (prefix === "" || path.startsWith(lead) || path === prefix) continue;
    out.set(path, entry);
  }
  for (const [path, entry] of replacement) out.set(`${lead}${path}`, entry);
  return out;
}
