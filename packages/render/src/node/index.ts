/** Node.js edges of the renderer: atomic writes of rendered output and emitted trees. */
export { readFiles, writeDirAtomic, writeRendered } from "./write.ts";
