import { ANNOTATIONS } from "@fleet-baseline/model";

/** The exception annotations of one object, read as they are. */
export interface ExceptionMeta {
  controls: string[];
  owner: string;
  ticket: string;
  expires: string;
}

export type ExceptionProblem =
  | "no-controls"
  | "bad-control"
  | "no-owner"
  | "no-ticket"
  | "no-expiry"
  | "bad-expiry"
  | "expired";

const CONTROL_ID = /^ZT-[A-Z]+-\d{3}$/;
const DAY_MS = 86_400_000;

/** The exception annotations of an object, or undefined when it carries none of them. */
export function readException(
  annotations: Record<string, string> | undefined,
): ExceptionMeta | undefined {
  const a = annotations ?? {};
  const keys = [
    ANNOTATIONS.exceptionControls,
    ANNOTATIONS.exceptionOwner,
    ANNOTATIONS.exceptionTicket,
    ANNOTATIONS.exceptionExpires,
  ];
  if (!keys.some((k) => a[k] !== undefined)) return undefined;
  return {
    controls: (a[ANNOTATIONS.exceptionControls] ?? "")
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter(Boolean),
    owner: (a[ANNOTATIONS.exceptionOwner] ?? "").trim(),
    ticket: (a[ANNOTATIONS.exceptionTicket] ?? "").trim(),
    expires: (a[ANNOTATIONS.exceptionExpires] ?? "").trim(),
  };
}

/**
 * Parses an expiry: an ISO date (`2026-12-31`, end of that day UTC is NOT assumed: the exception
 * ends at its first instant) or an ISO date-time. Undefined when unparseable.
 */
export function parseExpiry(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** Everything wrong with an exception at `now`; empty when it is complete and unexpired. */
export function exceptionProblems(meta: ExceptionMeta, now: Date): ExceptionProblem[] {
  const out: ExceptionProblem[] = [];
  if (meta.controls.length === 0) out.push("no-controls");
  else if (meta.controls.some((c) => !CONTROL_ID.test(c))) out.push("bad-control");
  if (!meta.owner) out.push("no-owner");
  if (!meta.ticket) out.push("no-ticket");
  if (!meta.expires) out.push("no-expiry");
  else {
    const at = parseExpiry(meta.expires);
    if (!at) out.push("bad-expiry");
    else if (at.getTime() <= now.getTime()) out.push("expired");
  }
  return out;
}

/** True when the annotations hold a complete, unexpired exception naming `control`. */
export function waives(
  annotations: Record<string, string> | undefined,
  control: string,
  now: Date,
): boolean {
  const meta = readException(annotations);
  if (!meta) return false;
  return meta.controls.includes(control) && exceptionProblems(meta, now).length === 0;
}

/** Whole days from `now` to the expiry (negative when past). */
export function daysToExpiry(meta: ExceptionMeta, now: Date): number {
  const at = parseExpiry(meta.expires);
  return at ? Math.floor((at.getTime() - now.getTime()) / DAY_MS) : 0;
}

export const EXCEPTION_PROBLEM_TEXT: Record<ExceptionProblem, string> = {
  "no-controls": `${ANNOTATIONS.exceptionControls} is missing or empty`,
  "bad-control": `${ANNOTATIONS.exceptionControls} must list catalog ids such as ZT-NET-001`,
  "no-owner": `${ANNOTATIONS.exceptionOwner} is missing`,
  "no-ticket": `${ANNOTATIONS.exceptionTicket} is missing`,
  "no-expiry": `${ANNOTATIONS.exceptionExpires} is missing`,
  "bad-expiry": `${ANNOTATIONS.exceptionExpires} is not an ISO date (YYYY-MM-DD)`,
  expired: "the exception has expired",
};
