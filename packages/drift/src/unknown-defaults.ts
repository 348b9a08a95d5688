import type { FieldDiff } from "./compare.ts";
import { DEFAULT_TRUSTED_MANAGERS, ownersOf } from "./field-owners.ts";
import type { NormalizedObject } from "./normalize.ts";
import type { DiffOptions } from "./types.ts";

/** The trusted managers when the guard is on, `undefined` when it is off. */
export function trustedManagers(options: DiffOptions): ReadonlySet<string> | undefined {
  if (options.unknownDefaults === false) return undefined;
  return new Set([...DEFAULT_TRUSTED_MANAGERS, ...(options.trustedManagers ?? [])]);
}

/**
 * The guard for unknown defaults (drift.md 3.4): a live-only key of an object that has
 * managedFields, owned by nobody or only by trusted managers, is not drift. Returns its owners
 * (possibly none) when the key is downgraded to a note, `undefined` when it stays drift.
 */
export function downgradedOwners(
  have: NormalizedObject,
  field: FieldDiff,
  trusted: ReadonlySet<string> | undefined,
): string[] | undefined {
  if (!trusted || field.reason !== "added-live" || have.managers.length === 0) return undefined;
  const owners = ownersOf(have.managers, field.tokens, have.body);
  return owners.every((owner) => trusted.has(owner)) ? owners : undefined;
}
