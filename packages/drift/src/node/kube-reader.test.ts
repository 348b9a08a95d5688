import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeObject } from "@fleet-baseline/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffObjects } from "../diff.ts";
import { toDriftJson } from "../format.ts";
import { readLiveObjects } from "../reader.ts";
import { createKubeReader, type KubeReaderOptions } from "./kube-reader.ts";
import {
  PEER_AUTHENTICATION,
  startTestApiServer,
  type TestApiServer,
} from "./testing/api-server.ts";

const owned = { "app.kubernetes.io/managed-by": "fleet-baseline" };
const desired: KubeObject[] = [
  {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: "payments",
      labels: { ...owned, "pod-security.kubernetes.io/enforce": "restricted" },
    },
  },
  ...Array.from(
    { length: 7 },
    (_, i): KubeObject => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `policy-${i}`, namespace: "payments", labels: owned },
      spec: { podSelector: {}, egress: [{ ports: [{ port: 53 + i }] }] },
    }),
  ),
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "reader", namespace: "payments", labels: owned },
    roleRef: { kind: "Role", name: "reader" },
    subjects: [{ kind: "Group", name: "devs" }],
  },
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db", namespace: "payments", labels: owned },
    stringData: { password: "s3cr3t" },
  },
  {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: { name: "default", namespace: "payments", labels: owned },
    spec: { mtls: { mode: "STRICT" } },
  },
];

let server: TestApiServer;
let kubeconfig: string;
const dir = mkdtempSync(join(tmpdir(), "drift-kube-"));

function reader(overrides: Partial<KubeReaderOptions> = {}) {
  return createKubeReader({ kubeconfig, pageSize: 3, backoffMs: 5, timeoutMs: 2000, ...overrides });
}

beforeAll(async () => {
  server = await startTestApiServer({
    objects: desired.filter((o) => o.kind !== "PeerAuthentication"),
  });
  // A label-less copy: it is outside the selector and must be fetched with a GET.
  server.put({ ...desired[1]!, metadata: { name: "policy-0", namespace: "payments" } });
  kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, server.kubeconfig());
});

afterAll(async () => {
  await server.close();
});

describe("client-node against the test API server", () => {
  it("reads with a bearer token: discovery, paged lists, a GET outside the selector; no drift", async () => {
    server.requests.length = 0;
    const kube = reader({ context: "token" });
    const live = await readLiveObjects(kube, desired, { watchKinds: [] });
    kube.close();
    expect(live.unserved).toEqual([
      { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication" },
    ]);
    const report = diffObjects(desired, live.objects, {
      namespaced: (g, k) => live.namespaced.get(`${g}/${k}`),
      unserved: live.unserved,
    });
    // policy-0 lost its label in the cluster: paired by identity, the label shows as changed.
    expect(report.changes.map((c) => `${c.type} ${c.name} ${c.path}`)).toEqual([
      "changed policy-0 /metadata/labels/app.kubernetes.io~1managed-by",
    ]);
    expect(report.unserved).toEqual([
      { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", objects: 1 },
    ]);

    const paths = server.requests.map((r) => r.path);
    expect(paths.filter((p) => p === "/apis/networking.k8s.io/v1/networkpolicies")).toHaveLength(2);
    expect(paths).toContain(
      "/apis/networking.k8s.io/v1/namespaces/payments/networkpolicies/policy-0",
    );
    expect(paths).toContain("/apis/security.istio.io/v1");
    const lists = server.requests.filter((r) => r.query.labelSelector);
    expect(new Set(lists.map((r) => r.query.labelSelector))).toEqual(
      new Set(["app.kubernetes.io/managed-by=fleet-baseline"]),
    );
    // discovery (4 group versions) + lists (4 served kinds, 6 owned policies in 2 pages of 3) + 1 GET
    expect(server.requests).toHaveLength(4 + 5 + 1);
    expect(kube.requests).toBe(server.requests.length);
  });

  it("authenticates with a client certificate", async () => {
    const kube = reader({ context: "cert" });
    const namespaces = await kube.list(
      "v1",
      "Namespace",
      "app.kubernetes.io/managed-by=fleet-baseline",
    );
    kube.close();
    expect(namespaces.map((n) => [n.apiVersion, n.kind, n.metadata.name])).toEqual([
      ["v1", "Namespace", "payments"],
    ]);
    expect(namespaces[0]?.metadata.labels?.["kubernetes.io/metadata.name"]).toBe("payments");
  });

  it("finds the CRD kind once installed and reports a hand edit", async () => {
    const withCrd = await startTestApiServer({
      token: server.token,
      crds: [PEER_AUTHENTICATION],
      objects: desired,
    });
    withCrd.put({ ...(desired[10] as KubeObject), spec: { mtls: { mode: "PERMISSIVE" } } });
    const file = join(dir, "kubeconfig-crd");
    writeFileSync(file, withCrd.kubeconfig());
    const kube = createKubeReader({ kubeconfig: file });
    const live = await readLiveObjects(kube, desired);
    kube.close();
    await withCrd.close();
    const report = diffObjects(desired, live.objects);
    expect(report.changes.map((c) => [c.path, c.live, c.weakens])).toEqual([
      ["/spec/mtls/mode", "PERMISSIVE", ["ZT-MESH-002"]],
    ]);
  });
});

describe("faults: each a clear error, no crash", () => {
  const listNamespaces = (kube: ReturnType<typeof reader>) =>
    kube.list("v1", "Namespace", "app.kubernetes.io/managed-by=fleet-baseline");

  it("401 names the context and says to refresh credentials, without the token", async () => {
    const file = join(dir, "kubeconfig-bad-token");
    writeFileSync(file, server.kubeconfig({ token: "not-the-token" }));
    const kube = createKubeReader({ kubeconfig: file, backoffMs: 1 });
    const error = await listNamespaces(kube).catch((e: unknown) => e);
    kube.close();
    expect(error).toMatchObject({
      code: "KUBE_API",
      message: expect.stringContaining("401 Unauthorized"),
    });
    expect(String((error as Error).message)).not.toContain("not-the-token");
    expect((error as { hint?: string }).hint).toMatch(/refresh the token/);
  });

  it("403 on a list says which request was forbidden, as KUBE_FORBIDDEN", async () => {
    server.fault = (r) => (r.path.endsWith("/namespaces") ? { status: 403 } : undefined);
    const kube = reader();
    const error = await listNamespaces(kube).catch((e: unknown) => e);
    kube.close();
    server.fault = undefined;
    expect(error).toMatchObject({
      code: "KUBE_FORBIDDEN",
      message: expect.stringMatching(/403 Forbidden/),
      hint: expect.stringContaining("fleet-baseline-drift-reader"),
    });
  });

  it("403 on discovery fails the read as KUBE_API", async () => {
    server.fault = (r) =>
      r.path === "/apis/rbac.authorization.k8s.io/v1" ? { status: 403 } : undefined;
    const kube = reader();
    const error = await readLiveObjects(kube, desired, { watchKinds: [] }).catch((e: unknown) => e);
    kube.close();
    server.fault = undefined;
    expect(error).toMatchObject({
      code: "KUBE_API",
      message: expect.stringContaining("/apis/rbac.authorization.k8s.io/v1 "),
    });
  });

  it("403 on listing one kind reports that kind unreadable and compares the rest", async () => {
    server.fault = (r) =>
      r.path === "/apis/rbac.authorization.k8s.io/v1/rolebindings" ? { status: 403 } : undefined;
    const kube = reader();
    const live = await readLiveObjects(kube, desired, { watchKinds: [] });
    kube.close();
    server.fault = undefined;
    expect(live.unserved).toEqual([
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", reason: "forbidden" },
      { apiVersion: "security.istio.io/v1", kind: "PeerAuthentication" },
    ]);
    const report = diffObjects(desired, live.objects, {
      namespaced: (g, k) => live.namespaced.get(`${g}/${k}`),
      unserved: live.unserved,
    });
    expect(report.drifted).toBe(true);
    expect(report.summary.compared).toBe(desired.length - 2);
    expect(report.changes.map((c) => `${c.type} ${c.kind} ${c.name}`)).toEqual([
      "changed NetworkPolicy policy-0",
    ]);
    expect(toDriftJson(report).notes).toEqual([
      "rbac.authorization.k8s.io/v1 RoleBinding cannot be read: RBAC forbids listing it (403 Forbidden): 1 object(s) not compared, extras not seen; grant the read-only ClusterRole fleet-baseline-drift-reader (baselines/rbac) to this identity",
      "security.istio.io/v1 PeerAuthentication is not served by the cluster (CRD not installed?): 1 object(s) not compared",
    ]);
  });

  it("403 on a watched kind git has none of still reports it (its extras cannot be seen)", async () => {
    server.fault = (r) =>
      r.path === "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"
        ? { status: 403 }
        : undefined;
    const kube = reader();
    const namespaces = desired.filter((o) => o.kind === "Namespace");
    const live = await readLiveObjects(kube, namespaces, {
      watchKinds: ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"],
    });
    kube.close();
    server.fault = undefined;
    const report = diffObjects(namespaces, live.objects, { unserved: live.unserved });
    expect(report.changes).toEqual([]);
    expect(report.drifted).toBe(true);
    expect(report.unserved).toEqual([
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        reason: "forbidden",
        objects: 0,
      },
    ]);
  });

  it("429 with Retry-After is retried after the announced delay", async () => {
    const waits: number[] = [];
    let throttled = 0;
    server.fault = (r) =>
      r.path === "/api/v1/namespaces" && throttled++ < 2
        ? { status: 429, retryAfterSeconds: 2 }
        : undefined;
    const kube = reader({ sleep: async (ms) => void waits.push(ms) });
    const namespaces = await listNamespaces(kube);
    kube.close();
    server.fault = undefined;
    expect(namespaces).toHaveLength(1);
    expect(waits).toEqual([2000, 2000]);
  });

  it("500 is retried with backoff, then reported", async () => {
    const waits: number[] = [];
    server.fault = (r) => (r.path === "/api/v1/namespaces" ? { status: 500 } : undefined);
    const kube = reader({ retries: 2, backoffMs: 100, sleep: async (ms) => void waits.push(ms) });
    const error = await listNamespaces(kube).catch((e: unknown) => e);
    kube.close();
    server.fault = undefined;
    expect(waits).toEqual([100, 200]);
    expect(error).toMatchObject({
      code: "KUBE_UNREACHABLE",
      message: expect.stringContaining("HTTP 500 after 3 attempts"),
    });
  });

  it("a slow server times out", async () => {
    server.fault = (r) => (r.path === "/api/v1/namespaces" ? { delayMs: 1500 } : undefined);
    const kube = reader({ timeoutMs: 200, retries: 1 });
    const error = await listNamespaces(kube).catch((e: unknown) => e);
    kube.close();
    server.fault = undefined;
    expect(error).toMatchObject({
      code: "KUBE_UNREACHABLE",
      message: expect.stringContaining("no answer within 0.2 s"),
    });
  });

  it("connection refused is unreachable", async () => {
    const closed = await startTestApiServer({ token: server.token });
    const file = join(dir, "kubeconfig-closed");
    writeFileSync(file, closed.kubeconfig());
    await closed.close();
    const kube = createKubeReader({ kubeconfig: file, backoffMs: 1, retries: 1 });
    const error = await listNamespaces(kube).catch((e: unknown) => e);
    kube.close();
    expect(error).toMatchObject({
      code: "KUBE_UNREACHABLE",
      message: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("a server certificate from another CA fails verification", async () => {
    const kube = reader({ context: "wrong-ca" });
    const error = await listNamespaces(kube).catch((e: unknown) => e);
    kube.close();
    expect(error).toMatchObject({
      code: "KUBE_UNREACHABLE",
      message: expect.stringContaining("TLS verification failed"),
    });
  });

  it("refuses insecure-skip-tls-verify and unknown contexts", () => {
    const file = join(dir, "kubeconfig-insecure");
    writeFileSync(
      file,
      server
        .kubeconfig()
        .replace(/certificate-authority-data: .*/, "insecure-skip-tls-verify: true"),
    );
    expect(() => createKubeReader({ kubeconfig: file })).toThrow(
      expect.objectContaining({ code: "BAD_CONFIG" }),
    );
    expect(() => createKubeReader({ kubeconfig, context: "nope" })).toThrow(
      expect.objectContaining({
        code: "BAD_CONFIG",
        hint: "known contexts: token, cert, wrong-ca",
      }),
    );
  });
});

describe("read-only", () => {
  it("sent only GET requests to the server over the whole suite", () => {
    expect(server.requests.length).toBeGreaterThan(10);
    expect(new Set(server.requests.map((r) => r.method))).toEqual(new Set(["GET"]));
  });
});
