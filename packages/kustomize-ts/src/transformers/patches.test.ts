import { describe, expect, it } from "vitest";
import { build } from "../build.ts";
import { createMemoryFs } from "../memory-fs.ts";

const DEP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        envFrom:
        - configMapRef: {name: cfg}
`;
const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n";

function run(kustomization: string, extra: Record<string, string> = {}): string {
  const fs = createMemoryFs({
    "/app/res.yaml": `${DEP}---\n${CM}`,
    "/app/kustomization.yaml": kustomization,
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`/app/${k}`, v])),
  });
  return build(fs, "/app").yaml;
}

// Expected outputs below were produced by kubectl kustomize (Kustomize v5.5.0).
describe("patch steps", () => {
  it("anchors target names and matches the original name after a prefix", () => {
    const out = run(`resources: [res.yaml]
namePrefix: p-
patches:
- target: {kind: Deployment, name: we}
  patch: '[{"op": "add", "path": "/metadata/labels/partial", "value": "hit"}]'
- target: {kind: Deployment, name: web}
  patch: '[{"op": "add", "path": "/metadata/labels/full", "value": "hit"}]'
`);
    expect(out).toContain("full: hit");
    expect(out).not.toContain("partial");
  });

  it("turns a null label of a targeted SM patch into the string null", () => {
    const out = run(`resources: [res.yaml]
patches:
- target: {kind: Deployment}
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: x
      labels: {app: null}
`);
    expect(out).toContain('app: "null"');
  });

  it("renames with allowNameChange and name references follow", () => {
    const out = run(`resources: [res.yaml]
patches:
- target: {kind: ConfigMap}
  options: {allowNameChange: true}
  patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
`);
    expect(out).toContain("name: settings\n---");
    expect(out).toContain("configMapRef:\n            name: settings");
  });

  it("fails when a targetless SM patch names nothing and when a JSON patch has no target", () => {
    expect(() =>
      run(`resources: [res.yaml]
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: nope}
`),
    ).toThrow("no resource matches strategic merge patch");
    expect(() =>
      run(
        `resources: [res.yaml]
patches:
- path: ops.yaml
`,
        { "ops.yaml": '[{"op": "remove", "path": "/spec"}]' },
      ),
    ).toThrow("must specify a target for JSON patch");
  });

  it("runs patchesJson6902 after labels and patchesStrategicMerge before the namespace", () => {
    const out = run(`resources: [res.yaml]
namespace: prod
commonLabels: {env: prod}
patchesStrategicMerge:
- |-
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: cfg}
  data: {k: v}
patchesJson6902:
- target: {kind: Deployment, name: web, labelSelector: env=prod}
  patch: '[{"op": "add", "path": "/spec/replicas", "value": 2}]'
`);
    expect(out).toContain("replicas: 2");
    expect(out).toContain("data:\n  k: v");
  });
});
