import {
  DEFAULT_FLEET_CONFIG,
  type FleetConfig,
  type KubeObject,
  parseManifests,
} from "@fleet-baseline/model";
import { checkPosture } from "./check.ts";
import type { PostureFinding, PostureReport } from "./types.ts";

/** The fixed evaluation time of every test. */
export const NOW = new Date("2026-11-22T12:00:00Z");

export interface RunOptions {
  config?: Partial<FleetConfig>;
  now?: Date;
}

/** Runs one control over objects (or a YAML stream) and returns its findings. */
export function run(
  control: string,
  input: KubeObject[] | string,
  options: RunOptions = {},
): PostureFinding[] {
  return report(input, { ...options, controls: [control] }).findings;
}

export function report(
  input: KubeObject[] | string,
  options: RunOptions & { controls?: string[] } = {},
): PostureReport {
  const objects = typeof input === "string" ? parseManifests(input, "test.yaml") : input;
  return checkPosture(objects, {
    config: { ...DEFAULT_FLEET_CONFIG, ...options.config },
    now: options.now ?? NOW,
    cluster: "test",
    ...(options.controls ? { controls: options.controls } : {}),
  });
}

/** Findings with status `fail`, as `Kind/ns/name: message` lines, for readable assertions. */
export function failing(findings: PostureFinding[]): string[] {
  return findings.filter((f) => f.status === "fail").map((f) => f.message);
}

export function namespace(
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels, annotations } };
}

/** A pod spec that passes every pod-level control. */
export function goodPodSpec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serviceAccountName: "api",
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [goodContainer()],
    ...overrides,
  };
}

export function goodContainer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "app",
    image: "registry.corp.example/web/api:1.2.3",
    ports: [{ containerPort: 8080 }],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } },
    ...overrides,
  };
}

export function deployment(
  ns: string,
  name: string,
  podSpec: Record<string, unknown> = goodPodSpec(),
  extra: {
    labels?: Record<string, string>;
    podLabels?: Record<string, string>;
    podAnnotations?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace: ns,
      labels: extra.labels ?? { "app.kubernetes.io/name": name, "fleet-baseline.io/owner": "team" },
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name, ...extra.podLabels },
          annotations: extra.podAnnotations ?? {},
        },
        spec: podSpec,
      },
    },
  };
}

export function object(
  apiVersion: string,
  kind: string,
  ns: string | undefined,
  name: string,
  spec: Record<string, unknown> | undefined,
  meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name, ...(ns === undefined ? {} : { namespace: ns }), ...meta },
    ...(spec === undefined ? {} : { spec }),
  };
}

export function netpol(ns: string, name: string, spec: Record<string, unknown>): KubeObject {
  return object("networking.k8s.io/v1", "NetworkPolicy", ns, name, spec);
}

/** The four exception annotations waiving `controls` (owner, ticket and expiry default to valid values). */
export function exceptionAnnotations(
  controls: string,
  { owner = "o", ticket = "T-1", expires = "2027-01-01" } = {},
): Record<string, string> {
  return {
    "fleet-baseline.io/exception-controls": controls,
    "fleet-baseline.io/exception-owner": owner,
    "fleet-baseline.io/exception-ticket": ticket,
    "fleet-baseline.io/exception-expires": expires,
  };
}

/** A pod spec that passes every pod-level control except its container running privileged. */
export function privilegedPodSpec(): Record<string, unknown> {
  return goodPodSpec({
    containers: [
      goodContainer({
        securityContext: {
          privileged: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        },
      }),
    ],
  });
}
