import { KustomizeError } from "./errors.ts";

/**
 * The marked place for features that are not built yet (issue 3: patches, replacements, vars,
 * crds, openapi, buildMetadata origin/transformer annotations, generator/transformer/validator
 * plugins, helm). Each pipeline stage calls this where the feature would run.
 */
export function unsupported(field: string, file: string): never {
  throw new KustomizeError("UNSUPPORTED", `${file}: ${field} is not supported yet`, { file });
}

/** True when a kustomization field holds something (a non-empty list, map or string). */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}
