/** Stable codes for everything a build can fail on. */
export type KustomizeErrorCode =
  | "NOT_FOUND"
  | "NO_KUSTOMIZATION"
  | "MULTIPLE_KUSTOMIZATIONS"
  | "EMPTY_KUSTOMIZATION"
  | "INVALID_KUSTOMIZATION"
  | "MALFORMED_YAML"
  | "INVALID_RESOURCE"
  | "SECURITY"
  | "CYCLE"
  | "DUPLICATE_ID"
  | "ID_CONFLICT"
  | "GENERATOR"
  | "PATCH"
  | "REPLACEMENT"
  | "REFERENCE"
  | "UNSUPPORTED"
  | "SERIALIZE";

/** A build failure: names the file where known and the cause, as kustomize would. */
export class KustomizeError extends Error {
  override readonly name = "KustomizeError";
  readonly code: KustomizeErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(
    code: KustomizeErrorCode,
    message: string,
    options: { file?: string | undefined; line?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.line = options.line;
  }
}
