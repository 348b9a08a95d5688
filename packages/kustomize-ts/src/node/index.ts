/** Node.js adapters for kustomize-ts. */
export { nodeFs } from "./fs.ts";
