import { ResMap } from "./resmap.ts";
import { emptyTransformerConfig, type TransformerConfig } from "./transformer-config.ts";

/**
 * What one kustomization level hands to the level above (kustomize's `ResAccumulator`): the
 * resources, the transformer configuration (which travels upward) and the vars (issue 3).
 */
export interface Accumulator {
  resMap: ResMap;
  config: TransformerConfig;
  /** Declared `vars`, merged upward (resolved by the vars step at the top level; issue 3). */
  vars: unknown[];
}

export function emptyAccumulator(): Accumulator {
  return { resMap: new ResMap(), config: emptyTransformerConfig(), vars: [] };
}
