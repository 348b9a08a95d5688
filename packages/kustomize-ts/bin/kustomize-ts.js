#!/usr/bin/env node
// Node 20 cannot strip TypeScript types, so the bin registers tsx's loader and runs the source.
import { register } from "tsx/esm/api";

register();
const { run } = await import("../src/node/cli.ts");
process.exitCode = await run(process.argv.slice(2));
