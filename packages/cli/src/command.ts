import type { CliIo } from "./io.ts";

/** One subcommand. `run` returns the exit code; it throws only FleetError or bugs. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Identity, for types. */
export function defineCommand(command: Command): Command {
  return command;
}
