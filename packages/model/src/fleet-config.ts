import schema from "../schemas/fleet.schema.json" with { type: "json" };
import { parseYamlWithSchema } from "./validate.ts";

/** Fleet-wide parameters: `fleet.yaml` at the repository root. */
export interface FleetConfig {
  systemNamespaces: string[];
  istioRootNamespace: string;
  dns: { namespace: string; podSelector: Record<string, string> };
  podSecurity: { version: string; minimumVersion: string };
  approvedRegistries: string[];
  approvedClusterIssuers: string[];
  spiffeTrustDomain: string;
}

/** The catalog's assumed parameters (controls.md section 1.2). */
export const DEFAULT_FLEET_CONFIG: FleetConfig = {
  systemNamespaces: [
    "kube-system",
    "kube-public",
    "kube-node-lease",
    "istio-system",
    "linkerd",
    "cert-manager",
    "kyverno",
    "gatekeeper-system",
    "falco",
    "spire",
    "calico-system",
    "tigera-operator",
    "cilium",
  ],
  istioRootNamespace: "istio-system",
  dns: { namespace: "kube-system", podSelector: { "k8s-app": "kube-dns" } },
  podSecurity: { version: "v1.31", minimumVersion: "v1.30" },
  approvedRegistries: ["registry.corp.example/", "ghcr.io/corp-example/"],
  approvedClusterIssuers: ["corp-ca", "letsencrypt-prod"],
  spiffeTrustDomain: "corp.example",
};

export const FLEET_SCHEMA: Record<string, unknown> = schema;

/** Parses and validates fleet.yaml, filling absent fields from the defaults. */
export function parseFleetConfig(text: string, file = "fleet.yaml"): FleetConfig {
  const raw = parseYamlWithSchema(text, file, FLEET_SCHEMA) as { spec?: Partial<FleetConfig> };
  const spec = raw.spec ?? {};
  const d = DEFAULT_FLEET_CONFIG;
  return {
    systemNamespaces: spec.systemNamespaces ?? d.systemNamespaces,
    istioRootNamespace: spec.istioRootNamespace ?? d.istioRootNamespace,
    dns: {
      namespace: spec.dns?.namespace ?? d.dns.namespace,
      podSelector: spec.dns?.podSelector ?? d.dns.podSelector,
    },
    podSecurity: {
      version: spec.podSecurity?.version ?? d.podSecurity.version,
      minimumVersion: spec.podSecurity?.minimumVersion ?? d.podSecurity.minimumVersion,
    },
    approvedRegistries: spec.approvedRegistries ?? d.approvedRegistries,
    approvedClusterIssuers: spec.approvedClusterIssuers ?? d.approvedClusterIssuers,
    spiffeTrustDomain: spec.spiffeTrustDomain ?? d.spiffeTrustDomain,
  };
}
