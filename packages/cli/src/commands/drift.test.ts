import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestApiServer, type TestApiServer } from "@fleet-baseline/drift/testing";
import type { KubeObject } from "@fleet-baseline/model";
import { stringifyManifest } from "@fleet-baseline/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryIo } from "../io.ts";
import { run } from "../run.ts";

const owned = { "app.kubernetes.io/managed-by": "fleet-baseline" };
const objects: KubeObject[] = [
  {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: "shop",
      labels: { ...owned, "pod-security.kubernetes.io/enforce": "restricted" },
    },
  },
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "default-deny", namespace: "shop", labels: owned },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  },
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db", namespace: "shop", labels: owned },
    stringData: { password: "correct-horse" },
  },
];

let server: TestApiServer;
let root: string;

beforeAll(async () => {
  server = await startTestApiServer({ objects });
  const down = await startTestApiServer({ token: server.token });
  const downUrl = down.url;
  await down.close();
  root = mkdtempSync(join(tmpdir(), "drift-cli-"));
  for (const [name, context] of [
    ["alpha", "token"],
    ["beta", "down"],
  ] as const) {
    mkdirSync(join(root, "clusters", name), { recursive: true });
    writeFileSync(
      join(root, "clusters", name, "cluster.yaml"),
      `kind: Cluster\nspec:\n  kube:\n    context: ${context}\n`,
    );
    mkdirSync(join(root, "rendered", name, "shop"), { recursive: true });
    objects.forEach((o, i) => {
      writeFileSync(
        join(root, "rendered", name, "shop", `${i}-${o.kind}.yaml`),
        stringifyManifest(o),
      );
    });
    writeFileSync(join(root, "rendered", name, "index.json"), '{"objects": []}\n');
  }
  const ca = /certificate-authority-data: (\S+)/.exec(server.kubeconfig())?.[1];
  const kubeconfig = server
    .kubeconfig()
    .replace(
      "clusters:\n",
      `clusters:\n- name: down\n  cluster:\n    server: ${downUrl}\n    certificate-authority-data: ${ca}\n`,
    )
    .replace(
      "contexts:\n",
      "contexts:\n- name: down\n  context: {cluster: down, user: token-user}\n",
    );
  writeFileSync(join(root, "kubeconfig"), kubeconfig);
}, 60_000);

afterAll(async () => {
  await server.close();
});

const drift = (args: string[], io = memoryIo({ cwd: root })) =>
  run(["drift", ...args, "--kubeconfig", join(root, "kubeconfig")], io).then((code) => ({
    code,
    io,
  }));

describe("fleet-baseline drift", { timeout: 30_000 }, () => {
  it("exits 0 when the live cluster only differs by server defaults", async () => {
    const { code, io } = await drift(["--cluster", "alpha"]);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toMatch(/^cluster alpha: no drift \(3 objects compared\)/);
  });

  it("prints exactly {drifted, changes} as JSON and exits 1 on drift, masking Secret values", async () => {
    server.put(
      {
        ...objects[1]!,
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}] },
      },
      { manager: "kubectl-edit", time: "2025-07-09T16:02:10Z" },
    );
    server.put({ ...objects[2]!, stringData: { password: "hunter2" } });
    const { code, io } = await drift(["--cluster", "alpha", "--format", "json"]);
    expect(code).toBe(1);
    const json = JSON.parse(io.out);
    expect(Object.keys(json)).toEqual(["drifted", "changes"]);
    expect(json.drifted).toBe(true);
    expect(json.changes).toEqual([
      {
        type: "changed",
        apiVersion: "v1",
        kind: "Secret",
        namespace: "shop",
        name: "db",
        path: "/data/password",
        desired: "(hidden)",
        live: "(hidden)",
        weakens: [],
      },
      {
        type: "changed",
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        namespace: "shop",
        name: "default-deny",
        path: "/spec/ingress",
        desired: null,
        live: [{}],
        weakens: ["ZT-NET-001", "ZT-NET-004"],
      },
    ]);
    expect(io.out).not.toMatch(/hunter2|correct-horse|aHVudGVyMg|Y29ycmVjdC1ob3JzZQ/);
  });

  it("prints a kubectl-diff style text diff", async () => {
    const { code, io } = await drift(["--cluster", "alpha"]);
    expect(code).toBe(1);
    expect(io.out).toContain("~ networking.k8s.io/v1 NetworkPolicy shop/default-deny");
    expect(io.out).toContain(
      "    /spec/ingress:  [weakens ZT-NET-001, ZT-NET-004]  (kubectl-edit, 2025-07-09T16:02:10Z)\n      - (absent)\n      + - {}",
    );
    expect(io.out).toContain("/data/password: value differs (hidden)");
    expect(io.out).not.toContain("hunter2");
  });

  it("--all reports the unreachable cluster, still compares the others, and exits 3", async () => {
    const { code, io } = await drift(["--all", "--format", "json"]);
    expect(code).toBe(3);
    const json = JSON.parse(io.out);
    expect(json.clusters).toEqual([
      { name: "alpha", status: "drifted" },
      { name: "beta", status: "unreachable", error: expect.stringContaining("ECONNREFUSED") },
    ]);
    expect(json.changes.every((c: { cluster: string }) => c.cluster === "alpha")).toBe(true);
    expect(io.err).toContain("cluster beta:");
  });

  it("--all prints a fleet summary and progress only on a TTY", async () => {
    const { io } = await drift(["--all"], memoryIo({ cwd: root, isTTY: true }));
    expect(io.out).toContain(
      "fleet: 2 clusters, 1 drifted, 0 clean, 1 unreachable, 0 with bad input",
    );
    expect(io.err).toContain("[1/2] alpha:");
  });

  it("compares a snapshot against --desired without a cluster", async () => {
    const snapshot = join(root, "snapshot.yaml");
    writeFileSync(
      snapshot,
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: shop\n    labels:\n      app.kubernetes.io/managed-by: fleet-baseline\n      kubernetes.io/metadata.name: shop\n      pod-security.kubernetes.io/enforce: baseline\n  spec:\n    finalizers: [kubernetes]\n`,
    );
    const desired = join(root, "rendered", "alpha", "shop", "0-Namespace.yaml");
    const io = memoryIo({ cwd: root });
    const code = await run(
      ["drift", "--desired", desired, "--live", snapshot, "--format", "markdown"],
      io,
    );
    expect(code).toBe(1);
    expect(io.out).toContain(
      '| changed | Namespace `shop` | `/metadata/labels/pod-security.kubernetes.io~1enforce` | `"restricted"` | `"baseline"` | ZT-PSS-001 |',
    );
  });

  it("reports a kind RBAC forbids listing, compares the rest and exits 1, not 3", async () => {
    server.fault = (r) =>
      r.path === "/apis/networking.k8s.io/v1/networkpolicies" ? { status: 403 } : undefined;
    try {
      const { code, io } = await drift(["--cluster", "alpha", "--format", "json"]);
      expect(code).toBe(1);
      const json = JSON.parse(io.out);
      expect(json.drifted).toBe(true);
      expect(json.changes.map((c: { kind: string }) => c.kind)).toEqual(["Secret"]);
      expect(json.notes).toEqual([
        expect.stringMatching(
          /^networking\.k8s\.io\/v1 NetworkPolicy cannot be read: RBAC forbids listing it \(403 Forbidden\): 1 object\(s\) not compared.*fleet-baseline-drift-reader \(baselines\/rbac\)/,
        ),
      ]);
      expect(io.err).toBe("");
    } finally {
      server.fault = undefined;
    }
  });

  it("still exits 3 on a 403 on discovery or a 401", async () => {
    for (const fault of [
      (r: { path: string }) => (r.path === "/apis/networking.k8s.io/v1" ? 403 : undefined),
      (r: { path: string }) => (r.path === "/api/v1/namespaces" ? 401 : undefined),
    ]) {
      server.fault = (r) => {
        const status = fault(r);
        return status ? { status } : undefined;
      };
      try {
        const { code, io } = await drift(["--cluster", "alpha"]);
        expect(code).toBe(3);
        expect(io.err).toMatch(/40[13] (Forbidden|Unauthorized)/);
      } finally {
        server.fault = undefined;
      }
    }
  });

  it("exits 2 on bad input with a hint", async () => {
    expect((await drift(["--cluster", "alpha", "--format", "xml"])).code).toBe(2);
    const { code, io } = await drift(["--cluster", "gamma"]);
    expect(code).toBe(2);
    expect(io.err).toContain("fleet-baseline render --cluster gamma");
    expect((await drift([])).code).toBe(2);
  });
});
