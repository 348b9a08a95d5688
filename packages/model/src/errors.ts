/** Stable error codes; callers branch on these, never on message text. */
export type FleetErrorCode =
  | "BAD_YAML"
  | "BAD_MANIFEST"
  | "BAD_CONFIG"
  | "NOT_FOUND"
  | "DUPLICATE_OBJECT"
  | "EXPIRED_EXCEPTION"
  | "RENDER_FAILED"
  | "KUBE_API"
  | "KUBE_UNREACHABLE"
  /** The API server answered 403 for one kind: RBAC forbids reading it (drift reports the kind). */
  | "KUBE_FORBIDDEN"
  | "GITHUB_API"
  | "USAGE"
  | "INTERNAL";

export interface FleetErrorOptions {
  file?: string | undefined;
  line?: number | undefined;
  field?: string | undefined;
  hint?: string | undefined;
  cause?: unknown;
}

/**
 * The one error type of the fleet-baseline packages. `file`, `line` and `field` locate the
 * problem in the user's input; `hint` says what to do about it.
 */
export class FleetError extends Error {
  override readonly name = "FleetError";
  readonly code: FleetErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(code: FleetErrorCode, message: string, options: FleetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.field = options.field;
    this.hint = options.hint;
  }

  /** `file:line: field: message (hint)` — the form the CLI prints. */
  format(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ""}: ` : "";
    const field = this.field ? `${this.field}: ` : "";
    const hint = this.hint ? `\n  hint: ${this.hint}` : "";
    return `${where}${field}${this.message}${hint}`;
  }
}

export function isFleetError(error: unknown): error is FleetError {
  return error instanceof FleetError;
}
