/**
 * @packageDocumentation
 * Node adapters of the drift checker: a client-node cluster reader and snapshot files.
 */
export type { KubeReader, KubeReaderOptions } from "./kube-reader.ts";
export { createKubeReader } from "./kube-reader.ts";
