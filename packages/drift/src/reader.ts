import {
  groupOf,
  isFleetError,
  type KubeObject,
  keyString,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
} from "@fleet-baseline/model";
import { isClusterScoped } from "./profiles.ts";

/** A kind as the cluster serves it (discovery). */
export interface ServedResource {
  /** Plural resource name used in URLs (`networkpolicies`). */
  name: string;
  namespaced: boolean;
}

/**
 * The smallest read-only view of a cluster the drift checker needs. Adapters live in
 * `@fleet-baseline/drift/node`; tests fake it in memory. Every method only reads.
 */
export interface ClusterReader {
  /** Discovery: how `kind` is served in `apiVersion`, or undefined when it is not (CRD absent). */
  resource(apiVersion: string, kind: string): Promise<ServedResource | undefined>;
  /**
   * Every object of the kind in all namespaces matching `labelSelector`, all pages. Throws a
   * FleetError `KUBE_FORBIDDEN` when RBAC forbids reading the kind (403 on list or get); any
   * other failure (401, a 403 on discovery, unreachable) fails the whole read.
   */
  list(apiVersion: string, kind: string, labelSelector: string): Promise<KubeObject[]>;
  /** One object, or undefined when it does not exist. */
  get(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
  ): Promise<KubeObject | undefined>;
}

export interface ReadLiveOptions {
  /**
   * Kinds listed for `extra` objects even when git has none of them (`apiVersion/Kind`, e.g.
   * `rbac.authorization.k8s.io/v1/RoleBinding`). Skipped silently when not served.
   */
  watchKinds?: readonly string[];
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Called after each kind is read (progress displays). */
  onProgress?: (done: number, total: number) => void;
}

/** What was read from a cluster. */
export interface LiveState {
  objects: KubeObject[];
  /** Kinds git needs that the cluster does not serve; `reason: "forbidden"`: RBAC forbids reading them. */
  unserved: Array<{ apiVersion: string; kind: string; reason?: "forbidden" }>;
  /** Scope per `group/kind` from discovery. */
  namespaced: Map<string, boolean>;
}

/** The ownership label selector: `app.kubernetes.io/managed-by=fleet-baseline`. */
export const OWNED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

/** Kinds watched for extras by default: the built-in kinds a Zero Trust baseline manages. */
export const DEFAULT_WATCH_KINDS: readonly string[] = [
  "v1/Namespace",
  "v1/ServiceAccount",
  "networking.k8s.io/v1/NetworkPolicy",
  "rbac.authorization.k8s.io/v1/Role",
  "rbac.authorization.k8s.io/v1/ClusterRole",
  "rbac.authorization.k8s.io/v1/RoleBinding",
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
];

/**
 * Reads the live counterpart of `desired`: per kind, one discovery lookup and one list with the
 * ownership selector (all pages); then a GET for each desired object the list did not return
 * (it lost the label, or is absent). Requests: discovery + kinds + desired objects outside the
 * selector.
 */
export async function readLiveObjects(
  reader: ClusterReader,
  desired: readonly KubeObject[],
  options: ReadLiveOptions = {},
): Promise<LiveState> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const kinds = new Map<string, { apiVersion: string; kind: string; required: boolean }>();
  for (const object of desired) {
    const id = `${groupOf(object.apiVersion)}/${object.kind}`;
    if (!kinds.has(id))
      kinds.set(id, { apiVersion: object.apiVersion, kind: object.kind, required: true });
  }
  for (const spec of options.watchKinds ?? DEFAULT_WATCH_KINDS) {
    const slash = spec.lastIndexOf("/");
    const apiVersion = spec.slice(0, slash);
    const kind = spec.slice(slash + 1);
    const id = `${groupOf(apiVersion)}/${kind}`;
    if (!kinds.has(id)) kinds.set(id, { apiVersion, kind, required: false });
  }

  const namespaced = new Map<string, boolean>();
  const unserved: LiveState["unserved"] = [];
  const objects: KubeObject[] = [];
  const seen = new Set<string>();
  /** Kinds RBAC forbids reading (403 on list or get). */
  const forbidden = new Set<string>();
  let done = 0;
  await mapLimit([...kinds], concurrency, async ([id, { apiVersion, kind, required }]) => {
    const served = await reader.resource(apiVersion, kind);
    if (!served) {
      if (required) unserved.push({ apiVersion, kind });
    } else {
      const listed = await unlessForbidden(reader.list(apiVersion, kind, OWNED_SELECTOR));
      if (listed === FORBIDDEN) forbidden.add(id);
      else {
        namespaced.set(id, served.namespaced);
        for (const object of listed) {
          objects.push(object);
          seen.add(identity(object, served.namespaced));
        }
      }
    }
    options.onProgress?.(++done, kinds.size);
  });

  const outside = desired.filter((object) => {
    const id = `${groupOf(object.apiVersion)}/${object.kind}`;
    const scope = namespaced.get(id);
    return scope !== undefined && !seen.has(identity(object, scope));
  });
  const found = await mapLimit(outside, concurrency, async (object) => {
    const id = `${groupOf(object.apiVersion)}/${object.kind}`;
    const scope = namespaced.get(id) ?? !isClusterScoped(groupOf(object.apiVersion), object.kind);
    const got = await unlessForbidden(
      reader.get(
        object.apiVersion,
        object.kind,
        scope ? (object.metadata.namespace ?? "default") : "",
        object.metadata.name ?? "",
      ),
    );
    if (got !== FORBIDDEN) return got;
    forbidden.add(id);
    return undefined;
  });
  for (const object of found) if (object) objects.push(object);
  for (const id of forbidden) {
    const spec = kinds.get(id);
    if (spec) unserved.push({ apiVersion: spec.apiVersion, kind: spec.kind, reason: "forbidden" });
  }
  unserved.sort((a, b) => (`${a.apiVersion}/${a.kind}` < `${b.apiVersion}/${b.kind}` ? -1 : 1));
  return { objects, unserved, namespaced };
}

const FORBIDDEN = Symbol("forbidden");

/** The read's value, or FORBIDDEN when RBAC forbids it (`KUBE_FORBIDDEN`); other errors pass. */
async function unlessForbidden<T>(read: Promise<T>): Promise<T | typeof FORBIDDEN> {
  try {
    return await read;
  } catch (error) {
    if (isFleetError(error) && error.code === "KUBE_FORBIDDEN") return FORBIDDEN;
    throw error;
  }
}

function identity(object: KubeObject, namespaced: boolean): string {
  const key = {
    group: groupOf(object.apiVersion),
    kind: object.kind,
    namespace: namespaced ? object.metadata.namespace || "default" : "",
    name: object.metadata.name ?? "",
  };
  return keyString(key);
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
