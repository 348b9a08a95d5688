import type { SourceRef } from "./finding.ts";

/**
 * `rendered/<cluster>/index.json`: every rendered object, the file it was written to and the
 * source file it came from. Posture and the bot read it to point back at baselines/overlays.
 */
export interface RenderIndex {
  cluster: string;
  objects: RenderIndexEntry[];
}

export interface RenderIndexEntry {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** Path of the rendered file, relative to `rendered/<cluster>/`. */
  path: string;
  source?: SourceRef;
}

export const RENDER_INDEX_FILE = "index.json";
