/**
 * The file system kustomize-ts reads through: synchronous, like kustomize's own `filesys`.
 * Paths are absolute and POSIX-style.
 */
export interface FileSystem {
  /** The file's bytes; throws `KustomizeError` code `NOT_FOUND` when absent. */
  readFile(path: string): Uint8Array;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Entry names (not paths) of a directory, sorted. */
  readDir(path: string): string[];
  /** The path with every symbolic link resolved (identity for file systems without links). */
  realPath(path: string): string;
}
