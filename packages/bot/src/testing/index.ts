/**
 * @packageDocumentation
 * Test support for the bot (subpath `@fleet-baseline/bot/testing`): the GitHub API emulator and
 * its OpenAPI validation. Needs the package's devDependencies (`@octokit/openapi`, `ajv`).
 */
export type { CallRecord, EmulatedRepo, EmulatorOptions, Fault } from "./emulator.ts";
export { GitHubEmulator } from "./emulator.ts";
export type { OperationValidator, SpecName } from "./openapi.ts";
export { operation, validateComponent } from "./openapi.ts";
