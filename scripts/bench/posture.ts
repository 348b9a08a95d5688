/**
 * Posture benchmark: checkPosture over a synthetic fleet of 500 clusters, each with realistic
 * per-namespace objects (Namespace with PSA labels, default-deny and allow NetworkPolicies, quotas,
 * Deployments + StatefulSet with ServiceAccounts and Services, RBAC, Istio policies, a Certificate)
 * plus the cluster-wide baseline (Calico guardrail, mesh PeerAuthentication, Kyverno policies,
 * Falco). A third of the workloads carry violations so every rule has work to report.
 * Flags: `--clusters=N` (default 500), `--namespaces=N` per cluster (default 8).
 */
import { DEFAULT_FLEET_CONFIG, type KubeObject } from "@fleet-baseline/model";
import { checkPosture } from "@fleet-baseline/posture";

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : fallback;
}

const owner = { "fleet-baseline.io/owner": "team" };
const SYSTEM_SELECTOR = `kubernetes.io/metadata.name not in {${DEFAULT_FLEET_CONFIG.systemNamespaces.map((n) => `"${n}"`).join(", ")}}`;

function workload(kind: string, ns: string, name: string, bad: boolean): KubeObject[] {
  const container = {
    name: "app",
    image: bad ? `docker.io/library/${name}:latest` : `registry.corp.example/${ns}/${name}:1.4.2`,
    ports: [{ containerPort: 8080, name: "http" }],
    securityContext: bad
      ? { allowPrivilegeEscalation: true }
      : {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    env: bad
      ? [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }]
      : [],
  };
  const podSpec = {
    serviceAccountName: name,
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [container],
    volumes: [{ name: "tmp", emptyDir: {} }],
  };
  const labels = { "app.kubernetes.io/name": name, ...owner };
  return [
    {
      apiVersion: "apps/v1",
      kind,
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: podSpec },
      },
    },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: ns, labels } },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: ns, labels },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `${name}-from-gateway`, namespace: ns },
      spec: {
        podSelector: { matchLabels: { app: name } },
        policyTypes: ["Ingress"],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { "kubernetes.io/metadata.name": "istio-system" },
                },
                podSelector: { matchLabels: { istio: "ingressgateway" } },
              },
            ],
            ports: [{ port: 8080 }],
          },
        ],
      },
    },
    {
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      metadata: { name: `${name}-allow`, namespace: ns },
      spec: {
        selector: { matchLabels: { app: name } },
        rules: [
          {
            from: [{ source: { principals: [`cluster.local/ns/istio-system/sa/ingressgateway`] } }],
            to: [{ operation: { methods: ["GET", "POST"] } }],
          },
        ],
      },
    },
  ];
}

function namespaceObjects(ns: string, index: number): KubeObject[] {
  const dnsPeer = {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
  };
  return [
    {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: ns,
        labels: {
          ...owner,
          "istio-injection": "enabled",
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "v1.31",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        },
        annotations: { "fleet-baseline.io/rollout-stage": index % 4 === 0 ? "audit" : "enforce" },
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "default-deny", namespace: ns },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-dns", namespace: ns },
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [dnsPeer],
            ports: [
              { port: 53, protocol: "UDP" },
              { port: 53, protocol: "TCP" },
            ],
          },
        ],
      },
    },
    {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "default-limits", namespace: ns },
      spec: { limits: [] },
    },
    {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "default-quota", namespace: ns },
      spec: { hard: { pods: "50" } },
    },
    {
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      metadata: { name: "allow-nothing", namespace: ns },
      spec: {},
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "developer", namespace: ns },
      rules: [
        { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch"] },
        {
          apiGroups: [""],
          resources: ["secrets"],
          verbs: index % 3 === 0 ? ["list"] : ["get"],
          resourceNames: ["app-config"],
        },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "developers", namespace: ns },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "developer" },
      subjects: [{ kind: "Group", name: `${ns}-developers` }],
    },
    {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: "web-tls", namespace: ns },
      spec: {
        secretName: "web-tls",
        dnsNames: [`${ns}.corp.example`],
        issuerRef: { kind: "ClusterIssuer", name: "corp-ca" },
        privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
      },
    },
    ...workload("Deployment", ns, "frontend", index % 3 === 0),
    ...workload("Deployment", ns, "api", false),
    ...workload("StatefulSet", ns, "database", false),
  ];
}

function clusterObjects(c: number, namespaces: number): KubeObject[] {
  const tagged = (name: string, controls: string, spec: Record<string, unknown>): KubeObject => ({
    apiVersion: "kyverno.io/v1",
    kind: "ClusterPolicy",
    metadata: { name, annotations: { "fleet-baseline.io/controls": controls } },
    spec,
  });
  const out: KubeObject[] = [
    {
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "tenant-guardrail" },
      spec: { namespaceSelector: SYSTEM_SELECTOR, types: ["Ingress", "Egress"], order: 2000 },
    },
    {
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "deny-cloud-metadata" },
      spec: {
        namespaceSelector: SYSTEM_SELECTOR,
        types: ["Egress"],
        egress: [{ action: "Deny", destination: { nets: ["169.254.169.254/32"] } }],
      },
    },
    {
      apiVersion: "security.istio.io/v1",
      kind: "PeerAuthentication",
      metadata: { name: "default", namespace: "istio-system" },
      spec: { mtls: { mode: "STRICT" } },
    },
    tagged("zt-disallow-privileged", "ZT-PSS-004", {
      rules: [
        {
          name: "privileged",
          match: { any: [{ resources: { kinds: ["Pod"] } }] },
          exclude: { any: [{ resources: { namespaces: ["kube-system"] } }] },
          validate: { failureAction: "Enforce", pattern: {} },
        },
      ],
    }),
    tagged("zt-require-ro-rootfs", "ZT-PSS-012", {
      validationFailureAction: "Audit",
      rules: [{ name: "ro", match: {}, validate: { failureAction: "Enforce", pattern: {} } }],
    }),
    tagged("zt-verify-images", "ZT-ADM-006", {
      rules: [
        {
          name: "sig",
          match: {},
          verifyImages: [
            {
              imageReferences: ["registry.corp.example/*", "ghcr.io/corp-example/*"],
              failureAction: "Enforce",
              attestors: [{ entries: [{ keyless: {} }] }],
            },
          ],
        },
      ],
    }),
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "falco", namespace: "falco" },
      spec: {
        template: {
          spec: {
            tolerations: [{ operator: "Exists" }],
            containers: [{ name: "falco", image: "registry.corp.example/falco:0.39.0" }],
            volumes: [{ name: "rules", configMap: { name: "falco-rules" } }],
          },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "falco-rules", namespace: "falco" },
      data: {
        "fleet.yaml":
          "- rule: Shell in container\n  desc: d\n  condition: spawned_process\n  output: shell ns=%k8s.ns.name pod=%k8s.pod.name\n  priority: WARNING\n",
      },
    },
  ];
  for (let n = 0; n < namespaces; n++) out.push(...namespaceObjects(`team-${c % 40}-${n}`, c + n));
  return out;
}

export async function run(flags: string[]): Promise<void> {
  const clusters = flag(flags, "clusters", 500);
  const namespaces = flag(flags, "namespaces", 8);
  const t0 = performance.now();
  const fleet = Array.from({ length: clusters }, (_, c) => clusterObjects(c, namespaces));
  const generated = performance.now() - t0;
  const objects = fleet.reduce((n, f) => n + f.length, 0);
  const now = new Date("2026-11-22T00:00:00Z");
  checkPosture(fleet[0] ?? [], { config: DEFAULT_FLEET_CONFIG, now, cluster: "warmup" });
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  let findings = 0;
  let worst = 0;
  for (const [i, objs] of fleet.entries()) {
    const s = performance.now();
    findings += checkPosture(objs, { config: DEFAULT_FLEET_CONFIG, now, cluster: `cluster-${i}` })
      .findings.length;
    worst = Math.max(worst, performance.now() - s);
  }
  const ms = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `fleet:    ${clusters} clusters × ${namespaces} tenant namespaces = ${objects} objects (generated in ${generated.toFixed(0)} ms)`,
  );
  console.log(
    `posture:  ${ms.toFixed(0)} ms, ${Math.round(objects / (ms / 1000))} objects/s, ${(ms / clusters).toFixed(1)} ms/cluster (slowest ${worst.toFixed(1)} ms), ${findings} findings`,
  );
  console.log(
    `cpu:      ${cpuMs.toFixed(0)} ms CPU time, ${Math.round(objects / (cpuMs / 1000))} objects per CPU-second (wall time depends on machine load)`,
  );
}
