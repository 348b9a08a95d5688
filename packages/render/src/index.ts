/**
 * @packageDocumentation
 * The fleet renderer: a cluster's cluster.yaml + baselines/ + overlays/ → a plain kustomize tree
 * → kustomize-ts → objects with provenance (source file and line of each). Pure over the
 * file-system port; `@fleet-baseline/render/node` writes results atomically.
 */
export type { AssembleCache, AssembleOptions, ClusterTree, SourcedObject } from "./assemble.ts";
export {
  activeBaselines,
  assembleCluster,
  CLUSTER_SCOPED_KINDS,
  createAssembleCache,
} from "./assemble.ts";
export { checkExceptionAnnotations, exceptionEnd } from "./exceptions.ts";
export type {
  BuildFunction,
  RenderCache,
  RenderedCluster,
  RenderedFleet,
  RenderedObject,
  RenderOptions,
} from "./render.ts";
export {
  createRenderCache,
  objectPath,
  renderCluster,
  renderedFiles,
  renderFleet,
  renderSource,
} from "./render.ts";
export type { ClusterSource, FleetRepo } from "./repo.ts";
export { loadFleetRepo } from "./repo.ts";
export type { Vars } from "./vars.ts";
export { STAGE_MODES, substitute } from "./vars.ts";
