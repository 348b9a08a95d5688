import { resolve } from "node:path";
import { build } from "../build.ts";
import { KustomizeError } from "../errors.ts";
import { nodeFs } from "./fs.ts";

/** Where the CLI writes; the real process streams by default. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd(): string;
}

const processIo: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  cwd: () => process.cwd(),
};

const USAGE = "usage: kustomize-ts build <dir>\n";

/**
 * `kustomize-ts build <dir>`: the build's YAML on stdout and exit 0; on failure one message on
 * stderr naming the file and the cause, nothing on stdout, exit 1. Deprecation warnings go to
 * stderr. Returns the exit code.
 */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help" || command === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (command !== "build" || rest.length > 1) {
    io.stderr(USAGE);
    return 2;
  }
  const dir = resolve(io.cwd(), rest[0] ?? ".");
  try {
    const result = build(nodeFs, dir);
    for (const w of result.warnings) io.stderr(`${w}\n`);
    io.stdout(result.yaml);
    return 0;
  } catch (error) {
    if (error instanceof KustomizeError) {
      io.stderr(`Error: ${error.message}\n`);
      return 1;
    }
    io.stderr(`Error: internal error in kustomize-ts, please report: ${String(error)}\n`);
    return 1;
  }
}
