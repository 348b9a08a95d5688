import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryIo } from "../io.ts";
import { run } from "../run.ts";

const NOW = "2026-11-22T12:00:00Z";

const lb = `apiVersion: v1
kind: Service
metadata:
  name: lb
  namespace: web
spec:
  type: LoadBalancer
`;
const exceptedLb = `apiVersion: v1
kind: Service
metadata:
  name: lb
  namespace: web
  annotations:
    fleet-baseline.io/exception-controls: ZT-NET-009
    fleet-baseline.io/exception-owner: team-web
    fleet-baseline.io/exception-ticket: SEC-1
    fleet-baseline.io/exception-expires: "2027-01-31"
spec:
  type: LoadBalancer
`;
const wildcard = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: everything
  namespace: web
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
`;

let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
}

async function posture(...args: string[]) {
  const io = memoryIo({ cwd: root });
  const code = await run(["posture", "--now", NOW, ...args], io);
  return { code, out: io.out, err: io.err };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "posture-cli-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("fleet-baseline posture", () => {
  it("checks a manifest directory, prints one line per finding and exits 1 on open errors", async () => {
    write("manifests/svc.yaml", lb);
    write("manifests/nested/role.yml", wildcard);
    write("manifests/kustomization.yaml", "resources: [svc.yaml]\n");
    const { code, out } = await posture("manifests");
    expect(code).toBe(1);
    expect(out).toContain(
      'manifests: error ZT-NET-009 Service "lb" (web): is type LoadBalancer; use ClusterIP behind the shared gateway [manifests/svc.yaml:1]',
    );
    expect(out).toContain(
      'manifests: error ZT-RBAC-001 Role "everything" (web): rule 0 uses a wildcard in verbs, resources, apiGroups; list exact values [manifests/nested/role.yml:1]',
    );
  });

  it("prints JSON with exactly the documented keys, and exits 0 when every error is excepted", async () => {
    write("svc.yaml", exceptedLb);
    const { code, out } = await posture("--format", "json", "svc.yaml");
    const parsed = JSON.parse(out);
    const svc = parsed.findings.filter((f: { control: string }) => f.control === "ZT-NET-009");
    expect(svc).toEqual([
      {
        control: "ZT-NET-009",
        severity: "error",
        status: "excepted",
        apiVersion: "v1",
        kind: "Service",
        namespace: "web",
        name: "lb",
        message:
          'Service "lb" (web): is type LoadBalancer; use ClusterIP behind the shared gateway',
        source: { file: "svc.yaml", line: 1 },
      },
    ]);
    expect(Object.keys(parsed.measures)).toEqual(["svc.yaml"]);
    expect(code).toBe(1); // the namespace "web" itself has open errors (no default-deny, no PSA labels)
  });

  it("exits 0 when the only error findings are excepted", async () => {
    write(
      "m/crb.yaml",
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: break-glass
  annotations:
    fleet-baseline.io/exception-controls: ZT-RBAC-003
    fleet-baseline.io/exception-owner: platform
    fleet-baseline.io/exception-ticket: SEC-9
    fleet-baseline.io/exception-expires: "2027-06-30"
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: break-glass}]
`,
    );
    write(
      "m/verify.yaml",
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: verify}
spec:
  rules:
  - name: sig
    match: {any: [{resources: {kinds: [Pod]}}]}
    verifyImages:
    - imageReferences: ["registry.corp.example/*", "ghcr.io/corp-example/*"]
      failureAction: Enforce
      attestors: [{entries: [{keyless: {subject: "https://github.com/corp-example/*"}}]}]
`,
    );
    const { code, out } = await posture("--format", "json", "m");
    const findings = JSON.parse(out).findings as {
      control: string;
      status: string;
      severity: string;
    }[];
    expect(
      findings.filter((f) => f.severity === "error").map((f) => [f.control, f.status]),
    ).toEqual([["ZT-RBAC-003", "excepted"]]);
    expect(code).toBe(0);
    // Past the expiry, the same input fails.
    const late = memoryIo({ cwd: root });
    expect(await run(["posture", "--now", "2027-07-01", "m"], late)).toBe(1);
  });

  it("reads rendered/<cluster>/ with index.json provenance and points SARIF at the source files", async () => {
    write("clusters/prod/cluster.yaml", "kind: Cluster\n");
    write("rendered/prod/web/service_lb.yaml", lb);
    write("rendered/prod/web/role_everything.yaml", wildcard);
    write(
      "rendered/prod/index.json",
      JSON.stringify({
        cluster: "prod",
        objects: [
          {
            apiVersion: "v1",
            kind: "Service",
            namespace: "web",
            name: "lb",
            path: "web/service_lb.yaml",
            source: { file: "overlays/web/service.yaml", line: 4 },
          },
          {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "Role",
            namespace: "web",
            name: "everything",
            path: "web/role_everything.yaml",
          },
        ],
      }),
    );
    const { code, out } = await posture("--format", "sarif", "--cluster", "prod");
    expect(code).toBe(1);
    const log = JSON.parse(out);
    expect(log.version).toBe("2.1.0");
    const results = log.runs[0].results as {
      ruleId: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
      }[];
    }[];
    const loc = (id: string) =>
      results.find((r) => r.ruleId === id)?.locations[0]?.physicalLocation;
    expect(loc("ZT-NET-009")).toEqual({
      artifactLocation: { uri: "overlays/web/service.yaml" },
      region: { startLine: 4 },
    });
    expect(loc("ZT-RBAC-001")).toEqual({
      artifactLocation: { uri: "rendered/prod/web/role_everything.yaml" },
      region: { startLine: 1 },
    });
    // Cluster-level findings (e.g. no signature verification) point at the cluster file.
    expect(loc("ZT-ADM-006")?.artifactLocation.uri).toBe("clusters/prod/cluster.yaml");
    expect(results.every((r) => r.message.text.startsWith("[prod] "))).toBe(true);
  });

  it("checks every rendered cluster when given neither PATH nor --cluster, with a markdown summary", async () => {
    write("rendered/a/web/svc.yaml", exceptedLb);
    write("rendered/b/web/svc.yaml", lb);
    const { code, out } = await posture("--format", "markdown");
    expect(code).toBe(1);
    expect(out).toMatch(/\| a \| \d+ \| \d+ \| 1 \|/);
    expect(out).toMatch(/\| b \| \d+ \| \d+ \| 0 \|/);
    expect(out).toContain("ZT-NET-009");
  });

  it("reads fleet.yaml at cwd by default, and --fleet FILE when given", async () => {
    const deploy = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: web}
spec:
  template:
    spec:
      containers: [{name: app, image: "${image}"}]
`;
    write("d.yaml", deploy("mirror.example/web/api:1.0"));
    const adm004 = (out: string) => out.split("\n").filter((l) => l.includes("ZT-ADM-004"));
    expect(adm004((await posture("d.yaml")).out)).toHaveLength(1);
    write(
      "fleet.yaml",
      "apiVersion: fleet-baseline.io/v1alpha1\nkind: Fleet\nspec:\n  approvedRegistries: [mirror.example/]\n",
    );
    expect(adm004((await posture("d.yaml")).out)).toHaveLength(0);
    write(
      "other.yaml",
      "apiVersion: fleet-baseline.io/v1alpha1\nkind: Fleet\nspec:\n  approvedRegistries: [registry.corp.example/]\n",
    );
    expect(adm004((await posture("--fleet", "other.yaml", "d.yaml")).out)).toHaveLength(1);
  });

  it("exits 2 on bad input: invalid YAML, unknown format, missing rendered cluster, bad fleet file", async () => {
    write("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n");
    const bad = await posture("bad.yaml");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.yaml:\d+: invalid YAML/);
    expect((await posture("--format", "xml", "bad.yaml")).code).toBe(2);
    const missing = await posture("--cluster", "nope");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cluster "nope" is not rendered/);
    write(
      "fleet.yaml",
      "apiVersion: fleet-baseline.io/v1alpha1\nkind: Fleet\nspec:\n  approvedRegistries: [no-slash]\n",
    );
    write("ok.yaml", lb);
    expect((await posture("ok.yaml")).code).toBe(2);
  });
});

describe("fleet-baseline posture --base", () => {
  it("shows what changed against the base branch's rendered output", async () => {
    write("base/prod/web/svc.yaml", lb.replace("LoadBalancer", "ClusterIP"));
    write("rendered/prod/web/svc.yaml", lb);
    const { code, out } = await posture(
      "--format",
      "markdown",
      "--cluster",
      "prod",
      "--base",
      "base",
    );
    expect(code).toBe(1);
    expect(out).toContain("### Changes against the base branch");
    expect(out).toContain("- **prod**: 1 new, 0 resolved");
    expect(out).toContain(
      '  - new error ZT-NET-009: Service "lb" (web): is type LoadBalancer; use ClusterIP behind the shared gateway',
    );
    expect((await posture("--format", "markdown", "--base", "missing")).code).toBe(2);
  });
});
