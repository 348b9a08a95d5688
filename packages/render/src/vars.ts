import type { ClusterConfig, FleetConfig, JsonValue, Stage } from "@fleet-baseline/model";
import { FleetError } from "@fleet-baseline/model";

/** Template variables, by dotted name: `${fleet.dns.namespace}`. */
export type Vars = Record<string, JsonValue>;

/**
 * What each rollout stage switches in each engine. observe and audit never block: they report
 * (Kyverno Audit, Gatekeeper dryrun/warn, PSA audit+warn, Istio PERMISSIVE, Linkerd audit,
 * Calico staged policies); enforce blocks.
 */
export const STAGE_MODES: Record<Stage, Record<string, JsonValue>> = {
  observe: {
    kyvernoActions: ["Audit"],
    gatekeeperAction: "dryrun",
    sigstoreMode: "warn",
    psaEnforce: "baseline",
    istioMtls: "PERMISSIVE",
    linkerdAccessPolicy: "audit",
    linkerdDefaultInbound: "audit",
    calicoGlobalKind: "StagedGlobalNetworkPolicy",
  },
  audit: {
    kyvernoActions: ["Audit", "Warn"],
    gatekeeperAction: "warn",
    sigstoreMode: "warn",
    psaEnforce: "baseline",
    istioMtls: "PERMISSIVE",
    linkerdAccessPolicy: "audit",
    linkerdDefaultInbound: "audit",
    calicoGlobalKind: "StagedGlobalNetworkPolicy",
  },
  enforce: {
    kyvernoActions: ["Deny"],
    gatekeeperAction: "deny",
    sigstoreMode: "enforce",
    psaEnforce: "restricted",
    istioMtls: "STRICT",
    linkerdAccessPolicy: "deny",
    linkerdDefaultInbound: "all-authenticated",
    calicoGlobalKind: "GlobalNetworkPolicy",
  },
};

const calicoSet = (names: string[]): string =>
  `{${names.map((n) => JSON.stringify(n)).join(", ")}}`;

/** The fleet-wide and cluster-wide variables every template sees. */
export function fleetVars(fleet: FleetConfig, cluster: ClusterConfig): Vars {
  const registries = fleet.approvedRegistries;
  const dnsLabels = Object.entries(fleet.dns.podSelector).sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    "fleet.systemNamespaces": fleet.systemNamespaces,
    "fleet.istioRootNamespace": fleet.istioRootNamespace,
    "fleet.dns.namespace": fleet.dns.namespace,
    "fleet.dns.podSelector": Object.fromEntries(dnsLabels),
    "fleet.podSecurity.version": fleet.podSecurity.version,
    "fleet.podSecurity.minimumVersion": fleet.podSecurity.minimumVersion,
    "fleet.approvedRegistries": registries,
    "fleet.approvedRegistryGlobs": registries.map((r) => ({ glob: `${r}*` })),
    "fleet.approvedRegistryImages": registries.map((r) => `${r}*`),
    "fleet.approvedRegistrySigstoreGlobs": registries.map((r) => ({ glob: `${r}**` })),
    "fleet.approvedClusterIssuers": fleet.approvedClusterIssuers,
    "fleet.spiffeTrustDomain": fleet.spiffeTrustDomain,
    "fleet.calicoSystemNamespaces": calicoSet(fleet.systemNamespaces),
    "fleet.calicoDnsSelector": dnsLabels
      .map(([k, v]) => `${k} == ${JSON.stringify(v)}`)
      .join(" && "),
    "fleet.ciliumDnsSelector": Object.fromEntries([
      ["io.kubernetes.pod.namespace", fleet.dns.namespace],
      ...dnsLabels,
    ]),
    "cluster.name": cluster.name,
  };
}

export function stageVars(stage: Stage): Vars {
  const vars: Vars = { "stage.name": stage };
  for (const [k, v] of Object.entries(STAGE_MODES[stage])) vars[`mode.${k}`] = v;
  return vars;
}

/**
 * The namespaces a stage-scoped policy applies to, in each engine's selector dialect: either
 * every namespace but `excluded` (the cluster's own stage) or exactly `included` (a stage that
 * some namespaces override to).
 */
export function scopeVars(scope: { excluded: string[] } | { included: string[] }): Vars {
  const key = "kubernetes.io/metadata.name";
  if ("excluded" in scope) {
    const values = [...scope.excluded];
    return {
      "scope.namespaceSelector": { matchExpressions: [{ key, operator: "NotIn", values }] },
      "scope.namespaces": null,
      "scope.excludedNamespaces": values,
      "scope.calicoSelector": `${key} not in ${calicoSet(values)}`,
    };
  }
  const values = [...scope.included];
  return {
    "scope.namespaceSelector": { matchExpressions: [{ key, operator: "In", values }] },
    "scope.namespaces": values,
    "scope.excludedNamespaces": null,
    "scope.calicoSelector": `${key} in ${calicoSet(values)}`,
  };
}

const VARIABLE = /\$(\$?)\{([^}]*)\}/g;

/**
 * Replaces `${name}` in a template with the variable's value: strings as they are, everything
 * else as one-line JSON (which is also YAML flow syntax). `$${` writes a literal `${`. Values never
 * add lines, so line numbers in the template stay those of the source file.
 */
export function substitute(text: string, vars: Vars, file: string): string {
  if (!text.includes("${")) return text;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!line.includes("${")) continue;
    lines[i] = line.replace(VARIABLE, (whole, dollar: string, name: string) => {
      if (dollar) return whole.slice(1);
      if (!Object.hasOwn(vars, name)) {
        const known = Object.keys(vars)
          .filter((k) => !k.startsWith("scope.") || name.startsWith("scope."))
          .sort();
        throw new FleetError("BAD_CONFIG", `unknown template variable \${${name}}`, {
          file,
          line: i + 1,
          hint: `variables here: ${known.join(", ")}; write $\${ for a literal \${`,
        });
      }
      const value = vars[name] ?? null;
      if (typeof value === "string") {
        if (value.includes("\n")) {
          throw new FleetError("BAD_CONFIG", `variable \${${name}} holds several lines`, {
            file,
            line: i + 1,
          });
        }
        return value;
      }
      return JSON.stringify(value);
    });
  }
  return lines.join("\n");
}
