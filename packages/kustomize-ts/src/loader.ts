import { KustomizeError } from "./errors.ts";
import type { FileSystem } from "./fs.ts";
import { isAbsolutePath, isWithin, joinPath } from "./paths.ts";

/**
 * Reads files for one kustomization root with kustomize's default load restriction (root only):
 * every file must resolve, symbolic links followed, to a path inside the root. Sub-loaders for
 * bases and components remember the chain of roots to detect cycles.
 */
export class Loader {
  readonly fs: FileSystem;
  /** Absolute, symlink-resolved directory. */
  readonly root: string;
  readonly referrer: Loader | undefined;
  /** Whether files must lie inside the root (kubectl's `LoadRestrictionsRootOnly`). */
  readonly restrict: boolean;

  constructor(fs: FileSystem, root: string, restrict: boolean, referrer?: Loader) {
    this.fs = fs;
    this.root = root;
    this.restrict = restrict;
    this.referrer = referrer;
  }

  /** A loader at the directory being built (absolute). */
  static atRoot(fs: FileSystem, dir: string, options: { restrict: boolean }): Loader {
    const root = confirmDir(fs, dir);
    return new Loader(fs, root, options.restrict);
  }

  /** The absolute path of `path` relative to this root (symlinks not resolved). */
  resolve(path: string): string {
    return joinPath(this.root, path);
  }

  /** Reads a file relative to the root, enforcing the load restriction. */
  load(path: string): Uint8Array {
    if (isRemote(path)) {
      throw new KustomizeError(
        "UNSUPPORTED",
        `remote file '${path}' is not supported: kustomize-ts builds offline`,
      );
    }
    const abs = this.resolve(path);
    if (!this.fs.exists(abs)) {
      throw new KustomizeError(
        "NOT_FOUND",
        `evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`,
        { file: abs },
      );
    }
    const real = this.fs.realPath(abs);
    if (this.fs.isDir(real)) {
      throw new KustomizeError("NOT_FOUND", `'${abs}' must resolve to a file`, { file: abs });
    }
    if (this.restrict && !isWithin(real, this.root)) {
      throw new KustomizeError(
        "SECURITY",
        `security; file '${abs}' is not in or below '${this.root}'`,
        { file: abs },
      );
    }
    return this.fs.readFile(real);
  }

  /** A loader for a base or component directory relative to this root (kustomize's `New`). */
  child(path: string): Loader {
    if (path === "") throw new KustomizeError("NOT_FOUND", "new root cannot be empty");
    if (isRemote(path)) {
      throw new KustomizeError(
        "UNSUPPORTED",
        `remote resource '${path}' is not supported: kustomize-ts builds offline`,
      );
    }
    if (isAbsolutePath(path)) {
      throw new KustomizeError("NOT_FOUND", `new root '${path}' cannot be absolute`);
    }
    const root = confirmDir(this.fs, this.resolve(path));
    for (let l: Loader | undefined = this; l; l = l.referrer) {
      if (isWithin(l.root, root)) {
        throw new KustomizeError(
          "CYCLE",
          `cycle detected: candidate root '${root}' contains visited root '${l.root}'`,
          { file: root },
        );
      }
    }
    return new Loader(this.fs, root, this.restrict, this);
  }
}

function confirmDir(fs: FileSystem, dir: string): string {
  if (!fs.exists(dir)) {
    throw new KustomizeError(
      "NOT_FOUND",
      `must build at directory: not a valid directory: evalsymlink failure on '${dir}' : lstat ${dir}: no such file or directory`,
      { file: dir },
    );
  }
  const real = fs.realPath(dir);
  if (!fs.isDir(real)) {
    throw new KustomizeError(
      "NOT_FOUND",
      `must build at directory: not a valid directory: '${dir}' is not a directory`,
      { file: dir },
    );
  }
  return real;
}

/** URLs and git-style remote specs, which kustomize would fetch. */
export function isRemote(path: string): boolean {
  return (
    /^(https?|git|ssh|file):\/\//.test(path) || /^git@/.test(path) || /^github\.com\//.test(path)
  );
}
