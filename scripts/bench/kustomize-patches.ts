/**
 * Patch-heavy kustomize-ts benchmark against `kubectl kustomize` (Kustomize v5.5.0), in the same
 * run: per environment overlay, strategic-merge and JSON 6902 patches with target selectors
 * (kind, name regex, label selector), legacy patchesJson6902, a component adding its own patch,
 * replacements and a generator, over bases of Deployments, Services and ConfigMaps. Reports
 * time per 1,000 resources at about 1k, 4k and 16k resources (it must stay flat, i.e. linear).
 * kubectl is itself superlinear here (about 23 s at 1k and 390 s at 4k on the shared 2-core
 * machine), so by default it runs at 1k only. Flags: `--no-kubectl`, `--kubectl=1k,4k,16k`
 * (sizes to run kubectl at), `--sizes=1k,4k` (subset of sizes).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "kustomize-ts";
import { nodeFs } from "kustomize-ts/node";
import { deployment, fmt, service, timeKubectl, write } from "./_kubectl.ts";

function app(name: string, tier: string): string {
  return `${deployment(name, {
    labels: `    tier: ${tier}\n`,
    container: `        env:
        - name: LOG_LEVEL
          value: info
        ports:
        - containerPort: 8080
          name: http
        volumeMounts:
        - name: config
          mountPath: /etc/app
      volumes:
      - name: config
        configMap:
          name: ${name}-config
`,
  })}---
${service(name, { metadata: `  labels:\n    app: ${name}\n`, port: "name: http\n    " })}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
  LOG_LEVEL: info
`;
}

/**
 * A `patches:` entry for every Deployment: a strategic-merge patch whose `spec.template` holds
 * `template` (lines indented by 8 spaces).
 */
function deploymentPatch(template: string): string {
  return `- target:
    kind: Deployment
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      template:
${template}`;
}

const COMPONENT = `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
${deploymentPatch(`        metadata:
          annotations:
            sidecar.istio.io/inject: "true"
`)}`;

function overlay(e: number, bases: string[]): string {
  return `namespace: env-${e}
namePrefix: e${e}-
resources:
${bases.map((b) => `- ../../bases/${b}\n`).join("")}components:
- ../../components/mesh
configMapGenerator:
- name: env-settings
  literals:
  - ENV=env-${e}
patches:
${deploymentPatch(`        spec:
          containers:
          - name: istio-proxy
            image: istio/proxyv2:1.21.0
          - name: app
            env:
            - name: REGION
              value: eu-west-${e}
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
`)}- target:
    kind: Deployment
    labelSelector: tier=backend
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/resources
      value:
        limits:
          memory: 256Mi
    - op: replace
      path: /spec/replicas
      value: 3
- target:
    kind: Service
  patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: any
    spec:
      ports:
      - name: metrics
        port: 9090
        targetPort: 9090
- target:
    kind: ConfigMap
    name: .*-config
  patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: any
    data:
      ENVIRONMENT: env-${e}
patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: e${e}-.*
  patch: |-
    - op: add
      path: /metadata/labels/patched
      value: "true"
replacements:
- source:
    kind: ConfigMap
    name: env-settings
    fieldPath: data.ENV
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=app].env.[name=ENV].value
    options:
      create: true
`;
}

/** `envs` overlays × `bases` bases × 5 apps × 3 resources, plus one generated ConfigMap each. */
function tree(root: string, envs: number, bases: number): { dir: string; count: number } {
  const names: string[] = [];
  for (let b = 0; b < bases; b++) {
    const files: string[] = [];
    for (let a = 0; a < 5; a++) {
      write(join(root, `bases/b${b}/app${a}.yaml`), app(`svc${b}-${a}`, a % 2 ? "backend" : "web"));
      files.push(`app${a}.yaml`);
    }
    write(
      join(root, `bases/b${b}/kustomization.yaml`),
      `resources:\n${files.map((f) => `- ${f}\n`).join("")}`,
    );
    names.push(`b${b}`);
  }
  write(join(root, "components/mesh/kustomization.yaml"), COMPONENT);
  for (let e = 0; e < envs; e++)
    write(join(root, `envs/e${e}/kustomization.yaml`), overlay(e, names));
  write(
    join(root, "kustomization.yaml"),
    `resources:\n${Array.from({ length: envs }, (_, e) => `- envs/e${e}\n`).join("")}`,
  );
  return { dir: root, count: envs * (bases * 15 + 1) };
}

export async function run(flags: string[]): Promise<void> {
  const kubectlSizes = flags.includes("--no-kubectl")
    ? []
    : (flags.find((f) => f.startsWith("--kubectl="))?.split("=")[1] ?? "1k").split(",");
  const sizesFlag = flags.find((f) => f.startsWith("--sizes="))?.split("=")[1];
  const sizes: Array<[string, number]> = (
    [
      ["1k", 17],
      ["4k", 67],
      ["16k", 267],
    ] as Array<[string, number]>
  ).filter(([label]) => !sizesFlag || sizesFlag.split(",").includes(label));
  const root = mkdtempSync(join(tmpdir(), "kts-bench-patches-"));
  try {
    const warm = tree(join(root, "warm"), 2, 2);
    build(nodeFs, warm.dir);
    console.log("patch-heavy overlays: 4 environments, 6 patches + component + replacement each");
    console.log(
      "size   resources   kustomize-ts      per 1k   kubectl kustomize      per 1k   speed-up  identical",
    );
    for (const [label, bases] of sizes) {
      const t = tree(join(root, `s-${label}`), 4, bases);
      // Best of two below 16k: the first build of a size still pays for JIT warm-up.
      let ms = Number.POSITIVE_INFINITY;
      let ours = "";
      for (let rep = 0; rep < (label === "16k" ? 1 : 2); rep++) {
        const t0 = performance.now();
        ours = build(nodeFs, t.dir).yaml;
        ms = Math.min(ms, performance.now() - t0);
      }
      const withKubectl = kubectlSizes.includes(label);
      let kms = Number.NaN;
      let same = "-";
      if (withKubectl) {
        const k = timeKubectl(t.dir);
        kms = k.ms;
        same = String(k.out === ours);
      }
      const per = (x: number) => fmt((x / t.count) * 1000);
      console.log(
        `${label.padEnd(5)} ${String(t.count).padStart(10)} ${fmt(ms).padStart(14)} ${per(ms).padStart(11)} ${
          withKubectl ? fmt(kms).padStart(19) : "-".padStart(19)
        } ${withKubectl ? per(kms).padStart(11) : "-".padStart(11)} ${
          withKubectl ? `${(kms / ms).toFixed(1)}x`.padStart(10) : "-".padStart(10)
        }  ${same}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
