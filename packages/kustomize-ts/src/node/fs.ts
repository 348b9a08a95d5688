import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { KustomizeError } from "../errors.ts";
import type { FileSystem } from "../fs.ts";

/** The real file system. */
export const nodeFs: FileSystem = {
  readFile(path) {
    try {
      return readFileSync(path);
    } catch (cause) {
      throw new KustomizeError("NOT_FOUND", `cannot read ${path}: ${(cause as Error).message}`, {
        file: path,
        cause,
      });
    }
  },
  exists: (path) => existsSync(path),
  isDir: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
  readDir: (path) => readdirSync(path).sort(),
  realPath: (path) => {
    try {
      // The native call resolves the whole path in one system call.
      return realpathSync.native(path);
    } catch {
      return path;
    }
  },
};
