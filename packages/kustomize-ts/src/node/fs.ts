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
  isDir: (path) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDir: (path) => readdirSync(path).sort(),
  realPath: (path) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};
