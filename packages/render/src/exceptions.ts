import {
  ANNOTATIONS,
  describeObject,
  FleetError,
  type KubeObject,
  type RolloutException,
  type SourceRef,
} from "@fleet-baseline/model";

const EXCEPTION_KEYS = [
  ANNOTATIONS.exceptionControls,
  ANNOTATIONS.exceptionOwner,
  ANNOTATIONS.exceptionTicket,
  ANNOTATIONS.exceptionExpires,
] as const;

/**
 * The instant an exception ends: a date (`2027-03-31`) ends at the first instant of that day in
 * UTC (as the posture checker reads it), a date-time at that instant. `undefined` when the value is
 * not an ISO date.
 */
export function exceptionEnd(expires: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(expires)) return undefined;
  const ms = Date.parse(expires);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * An object that carries any exception annotation must carry all four, with an ISO expiry that
 * has not passed at `now`. Throws FleetError naming the object, its source and the exception.
 */
export function checkExceptionAnnotations(object: KubeObject, now: Date, src: SourceRef): void {
  const annotations = object.metadata.annotations ?? {};
  const present = EXCEPTION_KEYS.filter((k) => annotations[k] !== undefined);
  if (present.length === 0) return;
  const where = { file: src.file, line: src.line };
  const missing = EXCEPTION_KEYS.filter((k) => !annotations[k]);
  if (missing.length) {
    throw new FleetError(
      "BAD_MANIFEST",
      `${describeObject(object)} carries an incomplete exception: ${missing.join(", ")} missing`,
      {
        ...where,
        field: `metadata.annotations.${missing[0]}`,
        hint: "an exception names its controls, owner, ticket and an ISO expiry date",
      },
    );
  }
  const expires = annotations[ANNOTATIONS.exceptionExpires] ?? "";
  const end = exceptionEnd(expires);
  const field = `metadata.annotations.${ANNOTATIONS.exceptionExpires}`;
  if (!end) {
    throw new FleetError(
      "BAD_MANIFEST",
      `${describeObject(object)}: exception expiry "${expires}" is not an ISO date`,
      {
        ...where,
        field,
        hint: "write YYYY-MM-DD (the exception ends when that day begins, UTC)",
      },
    );
  }
  if (end.getTime() <= now.getTime()) {
    throw new FleetError(
      "EXPIRED_EXCEPTION",
      `${describeObject(object)}: exception for ${annotations[ANNOTATIONS.exceptionControls]} (owner ${annotations[ANNOTATIONS.exceptionOwner]}, ticket ${annotations[ANNOTATIONS.exceptionTicket]}) expired on ${expires}`,
      {
        ...where,
        field,
        hint: "fix the weakened control and remove the exception, or renew it with a new expiry and ticket",
      },
    );
  }
}

/** A stage weaker than enforce is time-boxed too: an expired rollout fails the render. */
export function checkRollout(
  rollout: RolloutException | undefined,
  now: Date,
  file: string,
  line: number | undefined,
): void {
  if (!rollout) return;
  const end = exceptionEnd(rollout.expires);
  if (!end) {
    throw new FleetError("BAD_CONFIG", `rollout expiry "${rollout.expires}" is not an ISO date`, {
      file,
      line,
      field: "rollout.expires",
      hint: "write YYYY-MM-DD",
    });
  }
  if (end.getTime() <= now.getTime()) {
    throw new FleetError(
      "EXPIRED_EXCEPTION",
      `rollout exception (owner ${rollout.owner}, ticket ${rollout.ticket}) expired on ${rollout.expires}`,
      {
        file,
        line,
        field: "rollout.expires",
        hint: "move the stage to enforce, or renew the rollout with a new expiry and ticket",
      },
    );
  }
}
