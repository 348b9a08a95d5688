import type { Rule } from "./types.ts";

/**
 * Identity, for types: one catalog control as code.
 *
 * @example
 * ```ts
 * export const rule = defineRule({
 *   id: "ZT-PSS-004", title: "No privileged containers", severity: "error",
 *   fix: "Remove securityContext.privileged or set it to false.",
 *   stage: "downgrade", stageNote: "observe → info, audit → warning.",
 *   check(ctx) { ... ctx.report(object, "container \"app\" is privileged") },
 * });
 * ```
 */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** The usual stage policy: observe → info, audit → warning (errors only block in enforce). */
export const STAGE_DOWNGRADE = {
  stage: "downgrade",
  stageNote: "observe → info, audit → warning.",
} as const;

/** The stage policy of the RBAC rules: RBAC is not staged. */
export const STAGE_NONE_RBAC = {
  stage: "none",
  stageNote: "Unchanged: RBAC is not staged.",
} as const;
