import { Agent } from "node:https";
import { FleetError, isKubeObject, type KubeObject } from "@fleet-baseline/model";
import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  ServerConfiguration,
} from "@kubernetes/client-node";
import type { ClusterReader, ServedResource } from "../reader.ts";
import { listItems } from "../snapshot.ts";

export interface KubeReaderOptions {
  /** Path of the kubeconfig file. */
  kubeconfig: string;
  /** Context to use; default: the kubeconfig's current-context. */
  context?: string | undefined;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx, timeouts and connection errors. Default 3. */
  retries?: number;
  /** First backoff delay, doubled per retry. Default 500 ms. */
  backoffMs?: number;
  /** Longest Retry-After honoured. Default 30 s. */
  maxRetryAfterMs?: number;
  /** `limit` of each list page. Default 500. */
  pageSize?: number;
  /** Connections kept open to the server. Default 8. */
  maxSockets?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** A read-only cluster reader over client-node, with counters for benchmarks. */
export interface KubeReader extends ClusterReader {
  readonly context: string;
  readonly server: string;
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  close(): void;
}

interface Response {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const TLS_ERRORS = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
]);

/**
 * Opens a cluster through a kubeconfig with client-node: context selection, bearer tokens, client
 * certificates and exec/auth-provider credentials as client-node applies them. TLS is always
 * verified (a context with `insecure-skip-tls-verify` is refused). Sends only GET requests and
 * reads raw JSON (no typed models, so no field is lost and timestamps stay strings).
 */
export function createKubeReader(options: KubeReaderOptions): KubeReader {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(options.kubeconfig);
  } catch (error) {
    throw new FleetError("BAD_CONFIG", `cannot read kubeconfig: ${(error as Error).message}`, {
      file: options.kubeconfig,
      hint: "pass --kubeconfig FILE or set KUBECONFIG",
    });
  }
  const context = options.context ?? kc.getCurrentContext();
  if (!context || !kc.getContextObject(context)) {
    const known = kc.getContexts().map((c) => c.name);
    throw new FleetError("BAD_CONFIG", `context "${context ?? ""}" is not in the kubeconfig`, {
      file: options.kubeconfig,
      hint: known.length ? `known contexts: ${known.join(", ")}` : "the kubeconfig has no contexts",
    });
  }
  kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new FleetError("BAD_CONFIG", `context "${context}" names no known cluster`, {
      file: options.kubeconfig,
    });
  }
  if (cluster.skipTLSVerify) {
    throw new FleetError("BAD_CONFIG", `cluster "${cluster.name}" sets insecure-skip-tls-verify`, {
      file: options.kubeconfig,
      hint: "TLS is always verified: set certificate-authority(-data) for the cluster instead",
    });
  }
  if (!cluster.server.startsWith("https://")) {
    throw new FleetError(
      "BAD_CONFIG",
      `cluster "${cluster.name}" is not served over https (${cluster.server})`,
      {
        file: options.kubeconfig,
      },
    );
  }

  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const pageSize = options.pageSize ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const base = new ServerConfiguration<Record<string, string>>(cluster.server, {});
  const http = new IsomorphicFetchHttpLibrary();
  let agent: Agent | undefined;
  let requests = 0;

  /** One GET, no retry. Credentials and CA come from client-node; verification is forced on. */
  const send = async (path: string, query: Record<string, string>): Promise<Response> => {
    const request = base.makeRequestContext(path, HttpMethod.GET);
    for (const [k, v] of Object.entries(query)) request.setQueryParam(k, v);
    request.setHeaderParam("Accept", "application/json");
    await kc.applySecurityAuthentication(request);
    if (!agent) {
      const given = (request.getAgent() as Agent | undefined)?.options ?? {};
      agent = new Agent({
        ca: given.ca,
        cert: given.cert,
        key: given.key,
        pfx: given.pfx,
        passphrase: given.passphrase,
        servername: given.servername,
        rejectUnauthorized: true,
        keepAlive: true,
        maxSockets: options.maxSockets ?? 8,
      });
    }
    request.setAgent(agent);
    request.setSignal(AbortSignal.timeout(timeoutMs));
    requests += 1;
    const response = await http.send(request).toPromise();
    const text = await response.body.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): keep the text for the message.
    }
    return { status: response.httpStatusCode, headers: response.headers, body };
  };

  const where = (path: string) => `GET ${cluster.server}${path} (context "${context}")`;

  /** GET with retries on 429/5xx (honouring Retry-After) and on connection errors and timeouts. */
  const get = async (path: string, query: Record<string, string> = {}): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let failure: FleetError | undefined;
      try {
        response = await send(path, query);
      } catch (error) {
        failure = transportError(error, where(path), timeoutMs);
        if (failure.code === "BAD_CONFIG" || isTlsFailure(error)) throw failure;
      }
      const retryable = response ? response.status === 429 || response.status >= 500 : true;
      if (response && !retryable) return response;
      // A refused or unresolvable address is rarely transient: one retry, not the full budget.
      const hopeless = failure !== undefined && /ECONNREFUSED|ENOTFOUND/.test(failure.message);
      if (attempt >= (hopeless ? Math.min(1, retries) : retries)) {
        if (failure) throw failure;
        throw apiError(response as Response, where(path), attempt + 1);
      }
      const retryAfter = response ? Number(response.headers["retry-after"]) : Number.NaN;
      const delay = Number.isFinite(retryAfter)
        ? Math.min(retryAfter * 1000, maxRetryAfterMs)
        : backoffMs * 2 ** attempt;
      await sleep(delay);
    }
  };

  const discovery = new Map<string, Promise<Map<string, ServedResource> | undefined>>();
  const groupVersionPath = (apiVersion: string) =>
    apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;

  const discover = (apiVersion: string) => {
    let found = discovery.get(apiVersion);
    if (!found) {
      found = (async () => {
        const path = groupVersionPath(apiVersion);
        const response = await get(path);
        if (response.status === 404) return undefined;
        if (response.status !== 200) throw apiError(response, where(path), 1);
        const resources = new Map<string, ServedResource>();
        const list = (response.body as { resources?: unknown }).resources;
        for (const r of Array.isArray(list) ? list : []) {
          if (typeof r?.name !== "string" || r.name.includes("/") || typeof r.kind !== "string")
            continue;
          resources.set(r.kind, { name: r.name, namespaced: r.namespaced === true });
        }
        return resources;
      })();
      discovery.set(apiVersion, found);
    }
    return found;
  };

  const resource = async (apiVersion: string, kind: string) =>
    (await discover(apiVersion))?.get(kind);

  const served = async (apiVersion: string, kind: string): Promise<ServedResource> => {
    const r = await resource(apiVersion, kind);
    if (!r) {
      throw new FleetError(
        "KUBE_API",
        `${apiVersion} ${kind} is not served by the cluster (context "${context}")`,
        {
          hint: "install its CRD, or render for this cluster without it",
        },
      );
    }
    return r;
  };

  const withEnvelope = (item: unknown, apiVersion: string, kind: string): KubeObject => {
    const object = { apiVersion, kind, ...(item as object) } as KubeObject;
    if (!isKubeObject(object)) {
      throw new FleetError("KUBE_API", `the API server returned a malformed ${kind}`, {});
    }
    return object;
  };

  return {
    context,
    server: cluster.server,
    get requests() {
      return requests;
    },
    resource,
    async list(apiVersion, kind, labelSelector) {
      const r = await served(apiVersion, kind);
      const path = `${groupVersionPath(apiVersion)}/${r.name}`;
      const out: KubeObject[] = [];
      let token: string | undefined;
      do {
        const query: Record<string, string> = { labelSelector, limit: String(pageSize) };
        if (token) query.continue = token;
        const response = await get(path, query);
        if (response.status !== 200) throw apiError(response, where(path), 1, kind);
        const items = listItems(response.body) ?? [];
        for (const item of items) out.push(withEnvelope(item, apiVersion, kind));
        const next = (response.body as { metadata?: { continue?: unknown } }).metadata?.continue;
        token = typeof next === "string" && next !== "" ? next : undefined;
      } while (token);
      return out;
    },
    async get(apiVersion, kind, namespace, name) {
      const r = await served(apiVersion, kind);
      const scope = r.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : "";
      const path = `${groupVersionPath(apiVersion)}${scope}/${r.name}/${encodeURIComponent(name)}`;
      const response = await get(path);
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw apiError(response, where(path), 1, kind);
      return withEnvelope(response.body, apiVersion, kind);
    },
    close() {
      agent?.destroy();
    },
  };
}

function serverMessage(body: unknown): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (typeof message === "string") return message;
  return typeof body === "string" ? body.slice(0, 200) : "";
}

/**
 * The error of a failed request. `kind`: the request read objects of that kind, so a 403 is
 * `KUBE_FORBIDDEN` (the caller reports the kind as unreadable and reads the rest); a 403 on
 * discovery stays `KUBE_API`.
 */
function apiError(response: Response, where: string, attempts: number, kind?: string): FleetError {
  const detail = serverMessage(response.body);
  const suffix = detail ? `: ${detail}` : "";
  switch (response.status) {
    case 401:
      return new FleetError(
        "KUBE_API",
        `${where}: 401 Unauthorized, the credentials were rejected${suffix}`,
        {
          hint: "refresh the token or client certificate of this context in the kubeconfig",
        },
      );
    case 403:
      return new FleetError(
        kind ? "KUBE_FORBIDDEN" : "KUBE_API",
        `${where}: 403 Forbidden${suffix}`,
        {
          hint: "grant this identity get and list on the baseline kinds: the read-only ClusterRole fleet-baseline-drift-reader in baselines/rbac",
        },
      );
    case 429:
      return new FleetError(
        "KUBE_API",
        `${where}: 429 Too Many Requests after ${attempts} attempts${suffix}`,
        {
          hint: "the API server is throttling; retry later or lower --concurrency",
        },
      );
    default:
      return new FleetError(
        response.status >= 500 ? "KUBE_UNREACHABLE" : "KUBE_API",
        `${where}: HTTP ${response.status}${response.status >= 500 ? ` after ${attempts} attempts` : ""}${suffix}`,
        { hint: response.status >= 500 ? "the API server is failing; retry later" : undefined },
      );
  }
}

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; errno?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code ?? e?.errno;
  return typeof code === "string" ? code : "";
}

function isTlsFailure(error: unknown): boolean {
  return TLS_ERRORS.has(errorCode(error));
}

function transportError(error: unknown, where: string, timeoutMs: number): FleetError {
  const name = (error as { name?: unknown } | null)?.name;
  if (
    name === "AbortError" ||
    name === "TimeoutError" ||
    (error as { type?: unknown })?.type === "aborted"
  ) {
    return new FleetError("KUBE_UNREACHABLE", `${where}: no answer within ${timeoutMs / 1000} s`, {
      hint: "check the network path to the API server",
      cause: error,
    });
  }
  const code = errorCode(error);
  if (TLS_ERRORS.has(code)) {
    return new FleetError("KUBE_UNREACHABLE", `${where}: TLS verification failed (${code})`, {
      hint: "the server certificate is not signed by the kubeconfig's certificate-authority",
      cause: error,
    });
  }
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EHOSTUNREACH" ||
    code === "ECONNRESET"
  ) {
    return new FleetError("KUBE_UNREACHABLE", `${where}: cannot connect (${code})`, {
      hint: "is the cluster up and the server address right?",
      cause: error,
    });
  }
  return new FleetError(
    "KUBE_UNREACHABLE",
    `${where}: ${(error as Error)?.message ?? String(error)}`,
    {
      cause: error,
    },
  );
}
