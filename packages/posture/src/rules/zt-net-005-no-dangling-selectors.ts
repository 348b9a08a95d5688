import type { KubeObject } from "@fleet-baseline/model";
import type { ClusterView } from "../_cluster.ts";
import { DIRECTIONS, effectiveTypes, isNetworkPolicy, npPeers, npRules } from "../_netpol.ts";
import { isEmptySelector, matchesSelector } from "../_selectors.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztNet005 = defineRule({
  id: "ZT-NET-005",
  title: "No dangling selectors",
  severity: "error",
  fix: "Make every podSelector and peer selector match a rendered workload or Namespace, or remove it.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    for (const np of c.ofKind("NetworkPolicy")) {
      const ns = np.metadata.namespace ?? "";
      if (!isNetworkPolicy(np) || c.isSystem(ns)) continue;
      const podSel = (np.spec as { podSelector?: unknown } | undefined)?.podSelector;
      if (!isEmptySelector(podSel) && !podsMatch(c, [ns], podSel)) {
        ctx.report(np, "podSelector matches no rendered workload in its namespace");
      }
      const types = effectiveTypes(np);
      for (const dir of DIRECTIONS) {
        if (!types.has(dir)) continue;
        npRules(np, dir).forEach((rule, i) => {
          npPeers(rule, dir)?.forEach((peer, j) => {
            const where = `${dir} rule ${i} peer ${j}`;
            let namespaces = [ns];
            if (peer.namespaceSelector !== undefined) {
              namespaces = c
                .knownNamespaces()
                .filter((n) => matchesSelector(peer.namespaceSelector, c.namespaceLabels(n)));
              if (namespaces.length === 0) {
                ctx.report(
                  np,
                  `${where}: namespaceSelector matches no Namespace; it is a latent grant to whoever labels a namespace that way`,
                );
                return;
              }
            }
            if (
              peer.podSelector !== undefined &&
              !isEmptySelector(peer.podSelector) &&
              !unknowable(c, namespaces, np) &&
              !podsMatch(c, namespaces, peer.podSelector)
            ) {
              ctx.report(
                np,
                `${where}: podSelector matches no rendered workload in [${namespaces.join(", ")}]`,
              );
            }
          });
        });
      }
    }
  },
});

function podsMatch(c: ClusterView, namespaces: string[], selector: unknown): boolean {
  return c.workloads.some(
    (w) => namespaces.includes(w.namespace) && matchesSelector(selector, w.labels),
  );
}

/**
 * Pods of system namespaces (CoreDNS, gateways) are mostly not rendered by the fleet: a peer
 * reaching into a system namespace without rendered workloads cannot be judged. The configured
 * DNS pods are known to exist.
 */
function unknowable(c: ClusterView, namespaces: string[], _np: KubeObject): boolean {
  return namespaces.some((n) => c.isSystem(n) && c.workloadsIn(n).length === 0);
}
