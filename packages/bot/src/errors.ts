/** Stable codes for the bot's failures; callers branch on these, never on message text. */
export type BotErrorCode =
  | "GITHUB_API"
  | "RATE_LIMITED"
  | "RULESET_VIOLATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "BAD_INPUT"
  | "INTERNAL";

/** The one error type of `@fleet-baseline/bot`. Messages never carry tokens or file contents. */
export class BotError extends Error {
  override readonly name = "BotError";
  readonly code: BotErrorCode;
  /** HTTP status of the GitHub response behind it, when there was one. */
  readonly status: number | undefined;
  readonly hint: string | undefined;

  constructor(
    code: BotErrorCode,
    message: string,
    options: { status?: number; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.hint = options.hint;
  }
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}
