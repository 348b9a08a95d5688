import type { JsonObject, KubeObject } from "@fleet-baseline/model";
import type { ClusterView } from "../_cluster.ts";
import {
  ciliumRules,
  effectiveTypes,
  isNetworkPolicy,
  npPeers,
  npRules,
  ruleOpensPort,
} from "../_netpol.ts";
import { isEmptySelector, matchesSelector } from "../_selectors.ts";
import { labelsOf, obj, objs, str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";
import type { RuleContext } from "../types.ts";

const NS_KEYS = ["io.kubernetes.pod.namespace", "k8s:io.kubernetes.pod.namespace"];

export const ztNet003 = defineRule({
  id: "ZT-NET-003",
  title: "DNS egress only to cluster DNS",
  severity: "error",
  fix: "Allow port 53 UDP and TCP only to one peer holding both `namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}` and `podSelector: {matchLabels: {k8s-app: kube-dns}}`.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const np of ctx.cluster.ofKind("NetworkPolicy")) {
      const ns = np.metadata.namespace ?? "";
      if (!isNetworkPolicy(np) || ctx.cluster.isSystem(ns) || !effectiveTypes(np).has("egress"))
        continue;
      checkNetworkPolicy(ctx, np);
    }
    for (const cnp of ctx.cluster.ofKind("CiliumNetworkPolicy", "cilium.io")) {
      if (!ctx.cluster.isSystem(cnp.metadata.namespace ?? "")) checkCilium(ctx, cnp);
    }
  },
});

function checkNetworkPolicy(ctx: RuleContext, np: KubeObject): void {
  const protocols = new Set<string>();
  npRules(np, "egress").forEach((rule, i) => {
    const opened = ruleOpensPort(rule, 53);
    if (opened.length === 0) return;
    for (const p of opened) protocols.add(p);
    const peers = npPeers(rule, "egress");
    if (!peers) {
      ctx.report(
        np,
        `egress rule ${i} opens port 53 to any destination (including external resolvers); name the cluster DNS pods as the peer`,
      );
      return;
    }
    peers.forEach((peer, j) => {
      const problem = dnsPeerProblem(ctx.cluster, peer);
      if (problem) ctx.report(np, `egress rule ${i} peer ${j} opens port 53 to ${problem}`);
    });
  });
  if (protocols.size > 0 && !protocols.has("TCP")) {
    ctx.report(
      np,
      "DNS egress allows UDP only; also allow TCP port 53 (large responses fall back to TCP)",
      {
        severity: "warning",
      },
    );
  }
}

/** What is wrong with a peer on port 53, or undefined when it is exactly the cluster DNS pods. */
function dnsPeerProblem(cluster: ClusterView, peer: JsonObject): string | undefined {
  const dns = cluster.fleet.dns;
  if (peer.ipBlock !== undefined)
    return `ipBlock ${str(obj(peer.ipBlock).cidr) ?? ""}, not the cluster DNS pods`;
  const nsSel = peer.namespaceSelector;
  const podSel = peer.podSelector;
  if (nsSel === undefined || podSel === undefined) {
    return "a peer without both namespaceSelector and podSelector in the same item (separate items are ORed); put both in one peer";
  }
  if (isEmptySelector(nsSel)) return "every namespace (`namespaceSelector: {}`)";
  const namespaces = cluster
    .knownNamespaces()
    .filter((n) => matchesSelector(nsSel, cluster.namespaceLabels(n)));
  if (namespaces.length !== 1 || namespaces[0] !== dns.namespace) {
    return `namespaces [${namespaces.join(", ")}] instead of only "${dns.namespace}"`;
  }
  if (isEmptySelector(podSel) || !matchesSelector(podSel, dns.podSelector)) {
    return `pods other than the cluster DNS pods (${Object.entries(dns.podSelector)
      .map(([k, v]) => `${k}=${v}`)
      .join(",")})`;
  }
  return undefined;
}

function checkCilium(ctx: RuleContext, cnp: KubeObject): void {
  const dns = ctx.cluster.fleet.dns;
  for (const rule of ciliumRules(cnp)) {
    objs(rule.egress).forEach((eg, i) => {
      const opens53 = objs(eg.toPorts).some((tp) =>
        objs(tp.ports).some((p) => String(p.port) === "53"),
      );
      if (!opens53) return;
      const endpoints = Array.isArray(eg.toEndpoints) ? eg.toEndpoints.map((e) => obj(e)) : [];
      const others = ["toEntities", "toCIDR", "toCIDRSet", "toFQDNs", "toServices"].filter(
        (k) => eg[k] !== undefined,
      );
      if (endpoints.length === 0 || others.length > 0) {
        ctx.report(
          cnp,
          `egress rule ${i} opens port 53 to ${others.length ? others.join(", ") : "any destination"}; use toEndpoints selecting the cluster DNS pods`,
        );
        return;
      }
      endpoints.forEach((sel, j) => {
        const labels = labelsOf(sel.matchLabels);
        const nsOk = NS_KEYS.some((k) => labels[k] === dns.namespace);
        const podOk = Object.entries(dns.podSelector).every(
          ([k, v]) => labels[k] === v || labels[`k8s:${k}`] === v,
        );
        if (!nsOk || !podOk) {
          ctx.report(
            cnp,
            `egress rule ${i} toEndpoints ${j} must select both io.kubernetes.pod.namespace=${dns.namespace} and the DNS pod labels`,
          );
        }
      });
    });
  }
}
