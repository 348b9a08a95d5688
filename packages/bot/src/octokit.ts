import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "octokit";
import { BotError } from "./errors.ts";

/** How the bot authenticates: a token, or a GitHub App installation. */
export type GitHubAuth =
  | { kind: "token"; token: string }
  | { kind: "app"; appId: string; privateKey: string; installationId: number };

/** Where the bot reports what it waits for; never given tokens or bodies. */
export interface BotLog {
  warn(message: string): void;
  info?(message: string): void;
}

export interface OctokitOptions {
  auth: GitHubAuth;
  /** API root; GitHub Enterprise Server: `https://HOST/api/v3`. Default `https://api.github.com`. */
  baseUrl?: string;
  /** Injected fetch (tests: the emulator). Default: the global fetch. */
  fetch?: typeof fetch;
  log?: BotLog;
  /**
   * Rate-limit handling. `retryAfterBaseValue` is the milliseconds per second of `Retry-After`
   * (tests pass 1). Retries stop after `maxRetries` or when the wait exceeds `maxWaitSeconds`.
   */
  throttle?: {
    enabled?: boolean;
    retryAfterBaseValue?: number;
    maxRetries?: number;
    maxWaitSeconds?: number;
    id?: string;
  };
  /** Server errors (5xx): attempts and the base of the quadratic back-off in ms. */
  retry?: { retries?: number; retryAfterBaseValue?: number };
}

/** octokit with retry and throttling, as composed by the `octokit` package. */
export type BotOctokit = InstanceType<typeof Octokit>;

/**
 * The one composed client, made at the edge and passed in. Throttling and retry are configured
 * explicitly, because of two traps: passing any `throttle` object replaces octokit's default
 * handlers (both must be given), and plugin-retry would retry a 429 blindly, ignoring
 * `Retry-After`, so 429 is in `doNotRetry` and the throttling handlers honour the header.
 */
export function createOctokit(options: OctokitOptions): BotOctokit {
  const log = options.log ?? { warn: () => {} };
  const maxRetries = options.throttle?.maxRetries ?? 2;
  const maxWait = options.throttle?.maxWaitSeconds ?? 15 * 60;
  const onLimit =
    (what: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _o: unknown,
      retryCount: number,
    ) => {
      const retry = retryCount < maxRetries && retryAfter <= maxWait;
      log.warn(
        `${what} on ${request.method} ${request.url}: ${
          retry
            ? `waiting ${retryAfter}s before retry ${retryCount + 1} of ${maxRetries}`
            : "giving up"
        }`,
      );
      return retry;
    };
  const throttle =
    options.throttle?.enabled === false
      ? { enabled: false as const }
      : {
          id: options.throttle?.id ?? "fleet-baseline",
          retryAfterBaseValue: options.throttle?.retryAfterBaseValue ?? 1000,
          fallbackSecondaryRateRetryAfter: 60,
          onRateLimit: onLimit("primary rate limit"),
          onSecondaryRateLimit: onLimit("secondary rate limit"),
        };
  const auth =
    options.auth.kind === "token"
      ? { auth: options.auth.token }
      : {
          authStrategy: createAppAuth,
          auth: {
            appId: options.auth.appId,
            privateKey: options.auth.privateKey,
            installationId: options.auth.installationId,
          },
        };
  return new Octokit({
    ...auth,
    baseUrl: (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: "fleet-baseline-bot",
    request: options.fetch ? { fetch: options.fetch } : {},
    throttle,
    retry: {
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retries: options.retry?.retries ?? 3,
      retryAfterBaseValue: options.retry?.retryAfterBaseValue ?? 1000,
    },
    log: {
      debug: () => {},
      info: (m: string) => log.info?.(m),
      warn: (m: string) => log.warn(m),
      error: (m: string) => log.warn(m),
    },
  });
}

/**
 * Reads the bot's credentials from an environment: `GITHUB_TOKEN`, or a GitHub App through
 * `GITHUB_APP_ID`, `GITHUB_APP_PRIVATE_KEY` and `GITHUB_APP_INSTALLATION_ID` (the App wins when
 * both are set). Returns undefined when neither is there.
 */
export function authFromEnv(env: Record<string, string | undefined>): GitHubAuth | undefined {
  const appId = env.GITHUB_APP_ID;
  const key = env.GITHUB_APP_PRIVATE_KEY;
  const installation = env.GITHUB_APP_INSTALLATION_ID;
  if (appId || key || installation) {
    if (!appId || !key || !installation || !/^\d+$/.test(installation)) {
      throw new BotError(
        "BAD_INPUT",
        "incomplete GitHub App credentials: GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and a numeric GITHUB_APP_INSTALLATION_ID are all required",
      );
    }
    return {
      kind: "app",
      appId,
      privateKey: key.replace(/\\n/g, "\n"),
      installationId: Number(installation),
    };
  }
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  return token ? { kind: "token", token } : undefined;
}
