/**
 * @packageDocumentation
 * `kustomize build` in TypeScript, byte-identical to Kustomize v5.5.0 (`kubectl kustomize`).
 * Free of fleet-baseline concepts so it can be published on its own.
 *
 * @example
 * import { build, createMemoryFs } from "kustomize-ts";
 * const fs = createMemoryFs({ "/app/kustomization.yaml": "resources: [cm.yaml]\n", ... });
 * const { yaml, resources, warnings } = build(fs, "/app");
 */

export type { BuildOptions, BuildResult } from "./build.ts";
export { build } from "./build.ts";
export type { KustomizeErrorCode } from "./errors.ts";
export { KustomizeError } from "./errors.ts";
export type { FileSystem } from "./fs.ts";
export { createMemoryFs } from "./memory-fs.ts";
export type { LegacySortKey } from "./transformers/sort.ts";
export { compareLegacyOrder, legacySortKey } from "./transformers/sort.ts";
export type { Scalar, Value, ValueMap } from "./value.ts";
export type { DecodeOptions } from "./yaml/decode.ts";
export { decodeStream, decodeYaml } from "./yaml/decode.ts";
export { encodeDocument, encodeStream } from "./yaml/encode.ts";
export { compareKeysNatural } from "./yaml/natural-order.ts";
