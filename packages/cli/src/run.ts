import { isFleetError } from "@fleet-baseline/model";
import { commands } from "./commands/index.ts";
import { type CliIo, nodeIo } from "./io.ts";

/** Exit codes, one meaning each, shared by every subcommand. */
export const EXIT = { ok: 0, findings: 1, usage: 2, unreachable: 3, internal: 70 } as const;

const USAGE_CODES = new Set([
  "BAD_YAML",
  "BAD_MANIFEST",
  "BAD_CONFIG",
  "NOT_FOUND",
  "DUPLICATE_OBJECT",
  "EXPIRED_EXCEPTION",
  "RENDER_FAILED",
  "USAGE",
]);

/** Entry point of the `fleet-baseline` bin. Returns the exit code; never calls process.exit. */
export async function run(
  argv: string[] = process.argv.slice(2),
  io: CliIo = nodeIo,
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(await usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`fleet-baseline: unknown command "${name}"\n${await usage()}`);
    return EXIT.usage;
  }
  const command = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isFleetError(error)) {
      io.stderr(`fleet-baseline ${name}: ${error.format()}\n`);
      if (error.code === "KUBE_UNREACHABLE") return EXIT.unreachable;
      if (USAGE_CODES.has(error.code)) return EXIT.usage;
      return error.code === "INTERNAL" ? EXIT.internal : EXIT.findings;
    }
    if (
      error instanceof Error &&
      (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
    ) {
      io.stderr(`fleet-baseline ${name}: ${error.message}\n${command.usage}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `fleet-baseline ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` +
        "  This is a bug; please report it with the command you ran.\n",
    );
    return EXIT.internal;
  }
}

async function usage(): Promise<string> {
  const lines = ["usage: fleet-baseline <command> [options]", "", "commands:"];
  for (const [name, load] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  }
  return `${lines.join("\n")}\n`;
}
