import type { Command } from "../command.ts";

/**
 * Every subcommand, loaded on demand so that `render` never loads the Kubernetes client or
 * octokit. Explicit map, never glob-loaded.
 */
export const commands: Record<string, () => Promise<Command>> = {
  render: async () => (await import("./render.ts")).renderCommand,
  posture: async () => (await import("./posture.ts")).postureCommand,
  drift: async () => (await import("./drift.ts")).driftCommand,
  pr: async () => (await import("./pr.ts")).prCommand,
};
