import { groupOf, type KubeObject } from "@fleet-baseline/model";
import type { ClusterView } from "../_cluster.ts";
import {
  cidrContains,
  ciliumRules,
  defaultDenyFor,
  effectiveTypes,
  ipBlockAdmits,
  isNetworkPolicy,
  METADATA_ADDRESSES,
  npPeers,
  npRules,
} from "../_netpol.ts";
import { missingRef } from "../_refs.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztNet007 = defineRule({
  id: "ZT-NET-007",
  title: "Cloud metadata endpoint blocked",
  severity: "error",
  fix: "Keep egress default-deny and add `except: [169.254.169.254/32]` to any ipBlock containing it (or a cluster-wide deny).",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    if (clusterWideDeny(c)) return;
    for (const ns of c.tenantNamespaces()) {
      if (!defaultDenyFor(c, ns, "egress")) {
        const target = c.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns);
        ctx.report(
          target,
          "pods are not egress-isolated, so they reach 169.254.169.254; add egress default-deny",
          { namespace: ns },
        );
        continue;
      }
      for (const np of c.ofKind("NetworkPolicy")) {
        if (
          np.metadata.namespace !== ns ||
          !isNetworkPolicy(np) ||
          !effectiveTypes(np).has("egress")
        )
          continue;
        npRules(np, "egress").forEach((rule, i) => {
          const peers = npPeers(rule, "egress");
          if (!peers) {
            ctx.report(
              np,
              `egress rule ${i} allows every destination, including the metadata address`,
            );
            return;
          }
          peers.forEach((peer, j) => {
            const ip = METADATA_ADDRESSES.find(
              (a) => peer.ipBlock !== undefined && ipBlockAdmits(obj(peer.ipBlock), a),
            );
            if (ip)
              ctx.report(
                np,
                `egress rule ${i} peer ${j} ipBlock ${str(obj(peer.ipBlock).cidr)} admits ${ip}; add it to except`,
              );
          });
        });
      }
      for (const cnp of c.ofKind("CiliumNetworkPolicy", "cilium.io")) {
        if (cnp.metadata.namespace !== ns) continue;
        for (const rule of ciliumRules(cnp)) {
          objs(rule.egress).forEach((e, i) => {
            const cidrs = [
              ...strs(e.toCIDR).map((cidr) => ({ cidr, except: [] as string[] })),
              ...objs(e.toCIDRSet).map((s) => ({
                cidr: str(s.cidr) ?? "",
                except: strs(s.except),
              })),
            ];
            const hit = cidrs.some((s) =>
              METADATA_ADDRESSES.some(
                (a) => cidrContains(s.cidr, a) && !s.except.some((x) => cidrContains(x, a)),
              ),
            );
            if (hit || strs(e.toEntities).some((x) => x === "world" || x === "all")) {
              ctx.report(
                cnp,
                `egress rule ${i} reaches the metadata address; exclude 169.254.169.254/32`,
              );
            }
          });
        }
      }
    }
  },
});

/** A Calico GlobalNetworkPolicy or Cilium clusterwide policy that denies egress to the metadata address. */
function clusterWideDeny(c: ClusterView): KubeObject | undefined {
  for (const g of c.ofKind("GlobalNetworkPolicy")) {
    if (groupOf(g.apiVersion) !== "projectcalico.org") continue;
    const denies = objs(obj(g.spec).egress).some(
      (r) =>
        r.action === "Deny" &&
        strs(obj(r.destination).nets).some((n) => cidrContains(n, "169.254.169.254")),
    );
    if (denies) return g;
  }
  for (const cc of c.ofKind("CiliumClusterwideNetworkPolicy", "cilium.io")) {
    const denies = ciliumRules(cc).some((r) =>
      objs(r.egressDeny).some(
        (e) =>
          strs(e.toCIDR).some((n) => cidrContains(n, "169.254.169.254")) ||
          objs(e.toCIDRSet).some((s) => cidrContains(str(s.cidr) ?? "", "169.254.169.254")),
      ),
    );
    if (denies) return cc;
  }
  return undefined;
}
