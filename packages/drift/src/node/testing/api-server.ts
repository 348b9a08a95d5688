import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { KubeObject } from "@fleet-baseline/model";
import { makeTestCertificates, type TestCertificates } from "./certificates.ts";

/** A resource the test server serves (discovery + list/get). */
export interface TestResource {
  group: string;
  version: string;
  kind: string;
  /** Plural, lower case. */
  name: string;
  namespaced: boolean;
}

/** Built-in kinds served by every test server. */
export const BUILTIN_RESOURCES: readonly TestResource[] = [
  { group: "", version: "v1", kind: "Namespace", name: "namespaces", namespaced: false },
  { group: "", version: "v1", kind: "ServiceAccount", name: "serviceaccounts", namespaced: true },
  { group: "", version: "v1", kind: "Secret", name: "secrets", namespaced: true },
  { group: "", version: "v1", kind: "ConfigMap", name: "configmaps", namespaced: true },
  { group: "", version: "v1", kind: "ResourceQuota", name: "resourcequotas", namespaced: true },
  { group: "", version: "v1", kind: "LimitRange", name: "limitranges", namespaced: true },
  {
    group: "networking.k8s.io",
    version: "v1",
    kind: "NetworkPolicy",
    name: "networkpolicies",
    namespaced: true,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "Role",
    name: "roles",
    namespaced: true,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRole",
    name: "clusterroles",
    namespaced: false,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "RoleBinding",
    name: "rolebindings",
    namespaced: true,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRoleBinding",
    name: "clusterrolebindings",
    namespaced: false,
  },
];

/** Istio's PeerAuthentication CRD, for tests that install it. */
export const PEER_AUTHENTICATION: TestResource = {
  group: "security.istio.io",
  version: "v1",
  kind: "PeerAuthentication",
  name: "peerauthentications",
  namespaced: true,
};

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

/** What to do instead of answering normally. */
export interface Fault {
  status?: number;
  retryAfterSeconds?: number;
  /** Answer only after this delay (a slow server). */
  delayMs?: number;
}

export interface TestApiServerOptions {
  /** Bearer token accepted; client certificates issued by the test CA are accepted too. */
  token?: string;
  objects?: readonly KubeObject[];
  /** CRD kinds installed besides the built-ins. */
  crds?: readonly TestResource[];
  /** Largest page the server returns, whatever `limit` asks (a real server may return fewer). */
  maxPage?: number;
}

export interface TestApiServer {
  url: string;
  certificates: TestCertificates;
  token: string;
  requests: RecordedRequest[];
  /** Consulted for every request: return a fault to inject it. */
  fault: ((request: RecordedRequest, index: number) => Fault | undefined) | undefined;
  /**
   * Stores an object as the API server would (defaults, system metadata), recording the write in
   * managedFields under `manager` (default `kubectl-client-side-apply`) at `time`.
   */
  put(object: KubeObject, by?: { manager?: string; time?: string }): void;
  /** A kubeconfig (YAML) with one context per auth method: `token`, `cert`, and `wrong-ca`. */
  kubeconfig(options?: { token?: string }): string;
  close(): Promise<void>;
}

/** Key generation and signing are slow: one CA and one set of certificates per process. */
let certificatesOnce: TestCertificates | undefined;

const BUILTIN_GROUPS = new Set(["", "networking.k8s.io", "rbac.authorization.k8s.io"]);
const RBAC = "rbac.authorization.k8s.io";

/**
 * A Kubernetes API test server on 127.0.0.1 over HTTPS with a CA made at test time: bearer-token
 * and client-certificate auth, discovery (`/api`, `/apis`, `/api/v1`, `/apis/<g>/<v>`), list
 * (label selectors, `limit`/`continue`) and get. Objects come back as a real API server returns
 * them (defaults, uid, resourceVersion, creationTimestamp, managedFields; list items of built-in
 * kinds without apiVersion/kind; 404 for absent CRDs). Anything but GET gets 405.
 */
export async function startTestApiServer(
  options: TestApiServerOptions = {},
): Promise<TestApiServer> {
  certificatesOnce ??= makeTestCertificates();
  const certificates = certificatesOnce;
  const token = options.token ?? `test-token-${randomUUID()}`;
  const resources = [...BUILTIN_RESOURCES, ...(options.crds ?? [])];
  const store = new Map<string, KubeObject>();
  let revision = 1000;
  const requests: RecordedRequest[] = [];

  const put = (object: KubeObject, by: { manager?: string; time?: string } = {}) => {
    const resource = resources.find(
      (r) => r.kind === object.kind && apiVersionOf(r) === object.apiVersion,
    );
    if (!resource)
      throw new Error(`test server does not serve ${object.apiVersion} ${object.kind}`);
    const stored = asStored(
      structuredClone(object),
      resource,
      ++revision,
      by.manager ?? "kubectl-client-side-apply",
      by.time ?? "2025-06-02T08:14:05Z",
    );
    store.set(
      storeKey(resource, stored.metadata.namespace ?? "", stored.metadata.name ?? ""),
      stored,
    );
  };
  for (const object of options.objects ?? []) put(object);

  const server: Server = createServer({
    key: certificates.serverKey,
    cert: certificates.serverCert,
    ca: certificates.caCert,
    requestCert: true,
    rejectUnauthorized: false,
  });
  const api: TestApiServer = {
    url: "",
    certificates,
    token,
    requests,
    fault: undefined,
    put,
    kubeconfig: (config = {}) => kubeconfigYaml(api.url, certificates, config.token ?? token),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    };
    const index = requests.push(recorded) - 1;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const fault = api.fault?.(recorded, index);
    const answer = () => {
      if (fault?.status) {
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined)
          headers["retry-after"] = String(fault.retryAfterSeconds);
        return send(fault.status, status(fault.status, "injected fault"), headers);
      }
      const certOk = (req.socket as { authorized?: boolean }).authorized === true;
      if (!certOk && req.headers.authorization !== `Bearer ${token}`) {
        return send(401, status(401, "Unauthorized"));
      }
      if (recorded.method !== "GET") return send(405, status(405, "the test server only reads"));
      const [code, body] = route(url, resources, store, String(revision));
      send(code, body);
    };
    if (fault?.delayMs) setTimeout(answer, fault.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

function apiVersionOf(r: TestResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

function storeKey(r: TestResource, namespace: string, name: string): string {
  return `${r.group}/${r.kind}/${r.namespaced ? namespace : ""}/${name}`;
}

function status(code: number, message: string): object {
  const reasons: Record<number, string> = {
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    410: "Expired",
    429: "TooManyRequests",
  };
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: reasons[code] ?? "InternalError",
    code,
  };
}

/** Stores an object the way the API server would: defaults per kind plus system metadata. */
function asStored(
  object: KubeObject,
  resource: TestResource,
  rv: number,
  manager: string,
  time: string,
): KubeObject {
  const meta = object.metadata;
  if (!resource.namespaced) delete meta.namespace;
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  switch (`${resource.group}/${resource.kind}`) {
    case "networking.k8s.io/NetworkPolicy": {
      object.spec = spec;
      spec.podSelector ??= {};
      const egress = Array.isArray(spec.egress) ? spec.egress : [];
      if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
        spec.policyTypes = egress.length ? ["Ingress", "Egress"] : ["Ingress"];
      }
      for (const direction of ["ingress", "egress"]) {
        const rules = Array.isArray(spec[direction])
          ? (spec[direction] as Array<Record<string, unknown>>)
          : [];
        if (rules.length === 0) delete spec[direction];
        for (const rule of rules) {
          for (const port of (rule.ports ?? []) as Array<Record<string, unknown>>)
            port.protocol ??= "TCP";
        }
      }
      meta.generation = 1;
      break;
    }
    case "/Namespace":
      meta.labels = { ...meta.labels, "kubernetes.io/metadata.name": meta.name ?? "" };
      object.spec = { finalizers: ["kubernetes"] };
      object.status = { phase: "Active" };
      break;
    case "/Secret": {
      const data = { ...((object.data ?? {}) as Record<string, string>) };
      for (const [k, v] of Object.entries((object.stringData ?? {}) as Record<string, string>)) {
        data[k] = Buffer.from(v, "utf8").toString("base64");
      }
      delete object.stringData;
      object.data = data;
      object.type ??= "Opaque";
      break;
    }
    case `${RBAC}/RoleBinding`:
    case `${RBAC}/ClusterRoleBinding`: {
      const roleRef = object.roleRef as Record<string, unknown>;
      roleRef.apiGroup ??= RBAC;
      for (const subject of (object.subjects ?? []) as Array<Record<string, unknown>>) {
        if (subject.kind !== "ServiceAccount") subject.apiGroup ??= RBAC;
      }
      break;
    }
    default:
      if (!BUILTIN_GROUPS.has(resource.group)) meta.generation = 1;
  }
  meta.uid = randomUUID();
  meta.resourceVersion = String(rv);
  meta.creationTimestamp = "2025-06-02T08:14:05Z";
  const {
    managedFields: _previous,
    uid: _u,
    resourceVersion: _r,
    creationTimestamp: _c,
    generation: _g,
    ...owned
  } = meta;
  const written: Record<string, unknown> = { metadata: owned };
  for (const [key, value] of Object.entries(object)) {
    if (!["apiVersion", "kind", "metadata", "status"].includes(key)) written[key] = value;
  }
  meta.managedFields = [
    {
      apiVersion: object.apiVersion,
      fieldsType: "FieldsV1",
      fieldsV1: fieldsV1(written),
      manager,
      operation: "Update",
      time,
    },
  ];
  return object;
}

/** FieldsV1 of a written object: `f:<key>` per map key, lists atomic (leaves), `{}` for leaves. */
function fieldsV1(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const out: Record<string, unknown> = { ".": {} };
  for (const [key, child] of Object.entries(value)) out[`f:${key}`] = fieldsV1(child);
  return out;
}

type Requirement = (labels: Record<string, string>) => boolean;

function parseSelector(selector: string): Requirement[] {
  return selector
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): Requirement => {
      const ne = part.split("!=");
      if (ne.length === 2) return (l) => l[ne[0]!.trim()] !== ne[1]!.trim();
      const eq = part.split(/==?/);
      if (eq.length === 2) return (l) => l[eq[0]!.trim()] === eq[1]!.trim();
      if (part.startsWith("!")) return (l) => !(part.slice(1) in l);
      return (l) => part in l;
    });
}

function route(
  url: URL,
  resources: readonly TestResource[],
  store: Map<string, KubeObject>,
  revision: string,
): [number, unknown] {
  const parts = url.pathname.split("/").filter(Boolean);
  if (url.pathname === "/api") return [200, { kind: "APIVersions", versions: ["v1"] }];
  if (url.pathname === "/apis") {
    const groups = [...new Set(resources.filter((r) => r.group).map((r) => r.group))];
    return [
      200,
      {
        kind: "APIGroupList",
        apiVersion: "v1",
        groups: groups.map((name) => {
          const versions = [
            ...new Set(resources.filter((r) => r.group === name).map((r) => r.version)),
          ].map((version) => ({ groupVersion: `${name}/${version}`, version }));
          return { name, versions, preferredVersion: versions[0] };
        }),
      },
    ];
  }
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts[1]) [group, version, rest] = ["", parts[1], parts.slice(2)];
  else if (parts[0] === "apis" && parts[1] && parts[2])
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else
    return [404, status(404, `the server could not find the requested resource (${url.pathname})`)];

  const served = resources.filter((r) => r.group === group && r.version === version);
  if (served.length === 0)
    return [404, status(404, "the server could not find the requested resource")];
  if (rest.length === 0) {
    return [
      200,
      {
        kind: "APIResourceList",
        apiVersion: "v1",
        groupVersion: group ? `${group}/${version}` : version,
        resources: served.flatMap((r) => [
          {
            name: r.name,
            singularName: r.kind.toLowerCase(),
            namespaced: r.namespaced,
            kind: r.kind,
            verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
          },
          {
            name: `${r.name}/status`,
            singularName: "",
            namespaced: r.namespaced,
            kind: r.kind,
            verbs: ["get"],
          },
        ]),
      },
    ];
  }
  let namespace = "";
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1] ?? "";
    rest = rest.slice(2);
  }
  const resource = served.find((r) => r.name === rest[0]);
  if (!resource) return [404, status(404, "the server could not find the requested resource")];
  const name = rest[1];
  if (name !== undefined) {
    const object = store.get(storeKey(resource, namespace, name));
    if (!object) return [404, status(404, `${resource.name} "${name}" not found`)];
    return [200, object];
  }
  const requirements = parseSelector(url.searchParams.get("labelSelector") ?? "");
  const all = [...store.values()]
    .filter((o) => o.kind === resource.kind && o.apiVersion === apiVersionOf(resource))
    .filter((o) => !namespace || o.metadata.namespace === namespace)
    .filter((o) => requirements.every((req) => req(o.metadata.labels ?? {})))
    .sort((a, b) =>
      storeKey(resource, a.metadata.namespace ?? "", a.metadata.name ?? "") <
      storeKey(resource, b.metadata.namespace ?? "", b.metadata.name ?? "")
        ? -1
        : 1,
    );
  const token = url.searchParams.get("continue");
  const offset = token ? Number(JSON.parse(Buffer.from(token, "base64url").toString()).offset) : 0;
  const limit = Number(url.searchParams.get("limit") ?? "0") || all.length;
  const page = all.slice(offset, offset + limit);
  const next = offset + page.length;
  const metadata: Record<string, unknown> = { resourceVersion: revision };
  if (next < all.length) {
    metadata.continue = Buffer.from(JSON.stringify({ offset: next, rv: revision })).toString(
      "base64url",
    );
    metadata.remainingItemCount = all.length - next;
  }
  const builtin = BUILTIN_GROUPS.has(resource.group);
  const items = page.map((o) => {
    if (!builtin) return o;
    const { apiVersion: _v, kind: _k, ...rest } = o;
    return rest;
  });
  return [
    200,
    { apiVersion: apiVersionOf(resource), kind: `${resource.kind}List`, metadata, items },
  ];
}

function kubeconfigYaml(server: string, certs: TestCertificates, token: string): string {
  const b64 = (pem: string) => Buffer.from(pem).toString("base64");
  return `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: ${server}
    certificate-authority-data: ${b64(certs.caCert)}
- name: test-wrong-ca
  cluster:
    server: ${server}
    certificate-authority-data: ${b64(certs.otherCaCert)}
users:
- name: token-user
  user:
    token: ${token}
- name: cert-user
  user:
    client-certificate-data: ${b64(certs.clientCert)}
    client-key-data: ${b64(certs.clientKey)}
contexts:
- name: token
  context: {cluster: test, user: token-user}
- name: cert
  context: {cluster: test, user: cert-user}
- name: wrong-ca
  context: {cluster: test-wrong-ca, user: token-user}
current-context: token
`;
}
