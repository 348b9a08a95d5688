/**
 * @packageDocumentation
 * The `fleet-baseline` command line: parses argv, wires the adapters, prints, maps exit codes.
 */
export type { Command } from "./command.ts";
export { defineCommand } from "./command.ts";
export type { CliIo } from "./io.ts";
export { memoryIo, nodeIo } from "./io.ts";
export { EXIT, run } from "./run.ts";
