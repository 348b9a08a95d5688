/**
 * Property test for patches: random Deployments (containers with env, ports, volume mounts;
 * volumes; tolerations) and a custom resource kind get random strategic-merge and JSON 6902
 * patches; each tree is built by `kubectl kustomize` and by kustomize-ts from a temporary
 * directory, and the outputs must be byte-identical, or both builds must fail.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { build } from "kustomize-ts";
import { nodeFs } from "kustomize-ts/node";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";

type Obj = Record<string, unknown>;

const containerNames = ["app", "proxy", "init", "logger"];
const envNames = ["A", "B", "MODE", "LOG_LEVEL"];
const volumeNames = ["config", "cache", "tls"];
const ports = [80, 443, 8080, 9090];

const scalar = fc.oneof(
  fc.constantFrom("on", "yes", "1.0", "0755", "true", "", "a b", "x:y"),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
);
const subset = <T>(items: readonly T[], min = 0) =>
  fc.subarray([...items], { minLength: min, maxLength: items.length });

const port = fc.record(
  {
    containerPort: fc.constantFrom(...ports),
    protocol: fc.constantFrom("TCP", "UDP"),
    name: fc.stringMatching(/^[a-z]{1,6}$/),
  },
  { requiredKeys: ["containerPort"] },
);
const uniquePorts = fc
  .array(port, { maxLength: 3 })
  .map((ps) => ps.filter((p, i) => ps.findIndex((q) => q.containerPort === p.containerPort) === i));

const container = (name: string) =>
  fc
    .record(
      {
        image: fc.constantFrom("nginx:1.25", "envoy:1.29", "busybox"),
        args: fc.array(scalar, { maxLength: 3 }),
        env: subset(envNames).chain((names) =>
          fc.tuple(...names.map((n) => fc.record({ name: fc.constant(n), value: scalar }))),
        ),
        ports: uniquePorts,
        volumeMounts: subset(volumeNames).map((vs) =>
          vs.map((v) => ({ name: v, mountPath: `/mnt/${v}` })),
        ),
      },
      { requiredKeys: ["image"] },
    )
    .map((c): Obj => ({ name, ...c }));

const deployment = subset(containerNames, 1)
  .chain((names) =>
    fc.record({
      containers: fc.tuple(...names.map(container)),
      volumes: subset(volumeNames),
      replicas: fc.integer({ min: 0, max: 5 }),
      tolerations: fc.array(fc.record({ key: scalar, operator: fc.constant("Exists") }), {
        maxLength: 2,
      }),
      labels: fc.dictionary(fc.constantFrom("app", "tier", "team"), scalar, { maxKeys: 3 }),
    }),
  )
  .map(
    (d): Obj => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: d.labels },
      spec: {
        replicas: d.replicas,
        template: {
          spec: {
            containers: d.containers,
            volumes: d.volumes.map((v) => ({ name: v, emptyDir: {} })),
            tolerations: d.tolerations,
          },
        },
      },
    }),
  );

/** A strategic-merge patch over the Deployment: keyed lists, nulls and directives. */
const deploymentPatch = fc
  .record(
    {
      replicas: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
      labels: fc.dictionary(
        fc.constantFrom("app", "tier", "team", "new"),
        fc.option(scalar, { nil: null }),
        { maxKeys: 2 },
      ),
      containers: subset(containerNames).chain((names) =>
        fc.tuple(
          ...names.map((name) =>
            fc
              .record(
                {
                  image: fc.constantFrom("nginx:1.26", "redis:7"),
                  args: fc.array(scalar, { maxLength: 2 }),
                  env: subset(envNames).chain((ns) =>
                    fc.tuple(
                      ...ns.map((n) =>
                        fc.oneof(
                          fc.record({ name: fc.constant(n), value: scalar }),
                          fc.constant({ name: n, $patch: "delete" }),
                        ),
                      ),
                    ),
                  ),
                  ports: uniquePorts,
                  deleted: fc.constant(true),
                },
                { requiredKeys: [] },
              )
              .map((c): Obj => {
                if (c.deleted) return { name, $patch: "delete" };
                const { deleted: _, ...rest } = c;
                return { name, ...rest };
              }),
          ),
        ),
      ),
      volumes: subset(volumeNames).map((vs) =>
        vs.map((v, i) =>
          i === 0 ? { name: v, $patch: "delete" } : { name: v, secret: { secretName: v } },
        ),
      ),
      tolerations: fc.array(fc.record({ key: scalar, operator: fc.constant("Exists") }), {
        maxLength: 1,
      }),
    },
    { requiredKeys: [] },
  )
  .map((p): Obj => {
    const podSpec: Obj = {};
    if (p.containers) podSpec.containers = p.containers;
    if (p.volumes) podSpec.volumes = p.volumes;
    if (p.tolerations) podSpec.tolerations = p.tolerations;
    const spec: Obj = { template: { spec: podSpec } };
    if (p.replicas !== undefined) spec.replicas = p.replicas;
    const metadata: Obj = { name: "web" };
    if (p.labels) metadata.labels = p.labels;
    return { apiVersion: "apps/v1", kind: "Deployment", metadata, spec };
  });

const widget = fc
  .record({
    rules: fc.array(fc.record({ name: fc.constantFrom("a", "b", "c"), weight: fc.nat(9) }), {
      maxLength: 3,
    }),
    settings: fc.dictionary(fc.constantFrom("x", "y", "z"), scalar, { maxKeys: 3 }),
  })
  .map(
    (w): Obj => ({
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
      spec: w,
    }),
  );

const widgetPatch = fc
  .record({
    rules: fc.option(
      fc.array(fc.record({ name: fc.constantFrom("a", "b", "d"), weight: fc.nat(9) }), {
        maxLength: 2,
      }),
      { nil: undefined },
    ),
    settings: fc.dictionary(fc.constantFrom("x", "w"), fc.option(scalar, { nil: null }), {
      maxKeys: 2,
    }),
    replace: fc.boolean(),
  })
  .map((p): Obj => {
    const spec: Obj = { settings: p.replace ? { $patch: "replace", ...p.settings } : p.settings };
    if (p.rules) spec.rules = p.rules;
    return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec };
  });

/** JSON 6902 operations against the Deployment; some are meant to fail. */
const jsonOps = fc.array(
  fc.oneof(
    fc.record({
      op: fc.constant("add"),
      path: fc.constantFrom(
        "/metadata/labels/added",
        "/metadata/annotations",
        "/spec/template/spec/containers/0/args/-",
        "/spec/template/spec/containers/0/args/0",
        "/spec/template/spec/containers/-",
        "/spec/missing/deep",
      ),
      value: fc.oneof(scalar, fc.constant({ name: "extra", image: "x" })),
    }),
    fc.record({
      op: fc.constant("replace"),
      path: fc.constantFrom(
        "/spec/replicas",
        "/spec/template/spec/containers/0/image",
        "/spec/paused",
      ),
      value: fc.oneof(scalar, fc.integer({ min: 0, max: 3 })),
    }),
    fc.record({
      op: fc.constant("remove"),
      path: fc.constantFrom(
        "/spec/template/spec/tolerations",
        "/spec/template/spec/containers/0/env/0",
        "/metadata/labels/app",
      ),
    }),
    fc.record({
      op: fc.constant("test"),
      path: fc.constant("/spec/replicas"),
      value: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({
      op: fc.constantFrom("copy", "move"),
      from: fc.constantFrom("/spec/template/spec/containers/0/image", "/metadata/labels"),
      path: fc.constantFrom("/metadata/annotations", "/spec/template/metadata"),
    }),
  ),
  { minLength: 1, maxLength: 4 },
);

function kubectl(dir: string): Promise<{ ok: boolean; stdout: string }> {
  return new Promise((done) => {
    execFile("kubectl", ["kustomize", dir], { encoding: "utf8" }, (error, stdout) =>
      done({ ok: !error, stdout }),
    );
  });
}

function ours(dir: string): { ok: boolean; stdout: string } {
  try {
    return { ok: true, stdout: build(nodeFs, dir).yaml };
  } catch {
    return { ok: false, stdout: "" };
  }
}

async function compare(files: Record<string, string>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "kts-patch-prop-"));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const expected = await kubectl(dir);
    const actual = ours(dir);
    expect(actual.ok, `kubectl ok=${expected.ok}\n${Object.values(files).join("---\n")}`).toBe(
      expected.ok,
    );
    if (expected.ok) expect(actual.stdout).toBe(expected.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = { numRuns: 40 };

describe("patches: kustomize-ts against kubectl kustomize on random inputs", () => {
  it("strategic-merge patches on Deployments (with and without target)", async () => {
    await fc.assert(
      fc.asyncProperty(deployment, deploymentPatch, fc.boolean(), async (dep, patch, targeted) => {
        const entry = targeted
          ? "- path: patch.yaml\n  target:\n    kind: Deployment\n"
          : "- path: patch.yaml\n";
        await compare({
          "dep.yaml": stringify(dep),
          "patch.yaml": stringify(patch),
          "kustomization.yaml": `resources:\n- dep.yaml\npatches:\n${entry}`,
        });
      }),
      runs,
    );
  }, 300_000);

  it("strategic-merge patches on a custom resource replace its lists", async () => {
    await fc.assert(
      fc.asyncProperty(widget, widgetPatch, async (w, patch) => {
        await compare({
          "w.yaml": stringify(w),
          "patch.yaml": stringify(patch),
          "kustomization.yaml": "resources:\n- w.yaml\npatchesStrategicMerge:\n- patch.yaml\n",
        });
      }),
      runs,
    );
  }, 300_000);

  it("overlays: targets by name regex, labels and original names after namespace/prefix", async () => {
    const targetArb = fc.record(
      {
        kind: fc.constantFrom("Deployment", "Service", "ConfigMap", "Deployment|Service"),
        name: fc.constantFrom("web", "base-web", "w.*", ".*-config", "x"),
        labelSelector: fc.constantFrom("app=web", "tier in (front,back)", "!tier", "app"),
        namespace: fc.constantFrom("default", "prod", "dev"),
      },
      { requiredKeys: [] },
    );
    const entryArb = fc.oneof(
      targetArb.map((target) => ({
        target,
        patch: stringify({
          apiVersion: "v1",
          kind: "Any",
          metadata: { name: "any", labels: { patched: "sm" } },
        }),
      })),
      targetArb.map((target) => ({
        target,
        patch: stringify([
          { op: "add", path: "/metadata/annotations", value: { patched: "json" } },
        ]),
      })),
      fc.constant({
        patch: stringify({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "web", namespace: "dev" },
          spec: { replicas: 4 },
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("", "prod"),
        fc.constantFrom("", "base-"),
        fc.constantFrom("front", "back"),
        async (entries, namespace, prefix, tier) => {
          const resources = [
            {
              apiVersion: "apps/v1",
              kind: "Deployment",
              metadata: { name: "web", namespace: "dev", labels: { app: "web", tier } },
              spec: { template: { spec: { containers: [{ name: "app", image: "nginx" }] } } },
            },
            {
              apiVersion: "v1",
              kind: "Service",
              metadata: { name: "web", namespace: "dev", labels: { app: "web" } },
              spec: { ports: [{ port: 80 }] },
            },
          ];
          const kustomization: Obj = {
            resources: ["res.yaml"],
            configMapGenerator: [{ name: "web-config", namespace: "dev", literals: ["a=b"] }],
            patches: entries,
          };
          if (namespace) kustomization.namespace = namespace;
          if (prefix) kustomization.namePrefix = prefix;
          await compare({
            "res.yaml": resources.map((r) => stringify(r)).join("---\n"),
            "kustomization.yaml": stringify(kustomization, { aliasDuplicateObjects: false }),
          });
        },
      ),
      runs,
    );
  }, 300_000);

  it("replacements keep the target's scalar type, with delimiters and create", async () => {
    const source = fc.record(
      {
        fieldPath: fc.constantFrom(
          "data.count",
          "data.word",
          "data.flag",
          "data.dotted",
          "spec.ports.0.port",
          "metadata.name",
          "spec.ports.[name=http].name",
        ),
        options: fc.record({
          delimiter: fc.constantFrom(".", "-"),
          index: fc.integer({ min: 0, max: 2 }),
        }),
      },
      { requiredKeys: ["fieldPath"] },
    );
    const target = fc.record(
      {
        fieldPaths: fc.subarray(
          [
            "spec.replicas",
            "spec.paused",
            "metadata.labels.app",
            "spec.template.spec.containers.[name=app].image",
            "spec.template.spec.containers.0.env.[name=A].value",
            "spec.template.spec.containers.*.args.0",
            "metadata.annotations.[example.com/x]",
            "spec.new.deep",
          ],
          { minLength: 1, maxLength: 3 },
        ),
        options: fc.record(
          {
            create: fc.boolean(),
            delimiter: fc.constantFrom(":", "="),
            index: fc.integer({ min: -1, max: 3 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ["fieldPaths"] },
    );
    await fc.assert(
      fc.asyncProperty(source, target, async (src, tgt) => {
        const resources = [
          {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "src" },
            data: { count: "3", word: "blue", flag: "true", dotted: "1.2.3" },
          },
          {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "svc" },
            spec: { ports: [{ name: "http", port: 8080 }] },
          },
          {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web", labels: { app: "web" } },
            spec: {
              replicas: 1,
              paused: false,
              template: {
                spec: {
                  containers: [
                    {
                      name: "app",
                      image: "nginx:1.25",
                      args: ["--a=1"],
                      env: [{ name: "A", value: "x" }],
                    },
                    { name: "app-side", image: "side:1", args: ["--b=2"] },
                  ],
                },
              },
            },
          },
        ];
        const kind = src.fieldPath.startsWith("data") ? "ConfigMap" : "Service";
        const kustomization = {
          resources: ["res.yaml"],
          replacements: [
            {
              source: { kind, ...src },
              targets: [{ select: { kind: "Deployment" }, ...tgt }],
            },
          ],
        };
        await compare({
          "res.yaml": resources.map((r) => stringify(r)).join("---\n"),
          "kustomization.yaml": stringify(kustomization, { aliasDuplicateObjects: false }),
        });
      }),
      runs,
    );
  }, 300_000);

  it("JSON 6902 patches, including failing ones", async () => {
    await fc.assert(
      fc.asyncProperty(deployment, jsonOps, fc.boolean(), async (dep, ops, asJson) => {
        const text = asJson ? JSON.stringify(ops) : stringify(ops);
        await compare({
          "dep.yaml": stringify(dep),
          "ops.yaml": text,
          "kustomization.yaml":
            "resources:\n- dep.yaml\npatches:\n- path: ops.yaml\n  target:\n    kind: Deployment\n    name: web\n",
        });
      }),
      runs,
    );
  }, 300_000);
});
