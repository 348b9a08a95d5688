/** Names used everywhere in the product: one definition so the packages cannot drift apart. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "fleet-baseline";
export const ANNOTATION_DOMAIN = "fleet-baseline.io";

export const ANNOTATIONS = {
  controls: "fleet-baseline.io/controls",
  rolloutStage: "fleet-baseline.io/rollout-stage",
  exceptionControls: "fleet-baseline.io/exception-controls",
  exceptionOwner: "fleet-baseline.io/exception-owner",
  exceptionTicket: "fleet-baseline.io/exception-ticket",
  exceptionExpires: "fleet-baseline.io/exception-expires",
  needsApiAccess: "fleet-baseline.io/needs-api-access",
  source: "fleet-baseline.io/source",
} as const;

export const LABELS = {
  owner: "fleet-baseline.io/owner",
  cluster: "fleet-baseline.io/cluster",
} as const;

/** The rollout stages, weakest first. An absent stage means `enforce`. */
export const STAGES = ["observe", "audit", "enforce"] as const;
export type Stage = (typeof STAGES)[number];

export function isStage(value: unknown): value is Stage {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}
