import { groupOf, type KubeObject } from "@fleet-baseline/model";
import {
  ciliumRules,
  DIRECTIONS,
  effectiveTypes,
  isAnyCidr,
  isCalicoPolicy,
  isNetworkPolicy,
  npPeers,
  npRules,
  tenantPolicyObjects,
} from "../_netpol.ts";
import { isEmptySelector } from "../_selectors.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";
import type { RuleContext } from "../types.ts";

export const ztNet004 = defineRule({
  id: "ZT-NET-004",
  title: "No allow-all or wildcard peers",
  severity: "error",
  fix: "Name specific peers (namespaceSelector AND podSelector in one item) and ports in every allow rule.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const o of tenantPolicyObjects(ctx.cluster)) {
      if (isNetworkPolicy(o)) checkNetworkPolicy(ctx, o);
      else if (
        groupOf(o.apiVersion) === "cilium.io" &&
        o.kind.startsWith("Cilium") &&
        o.kind.endsWith("NetworkPolicy")
      )
        checkCilium(ctx, o);
      else if (isCalicoPolicy(o)) checkCalico(ctx, o);
    }
  },
});

function checkNetworkPolicy(ctx: RuleContext, np: KubeObject): void {
  const types = effectiveTypes(np);
  for (const dir of DIRECTIONS) {
    if (!types.has(dir)) continue;
    const word = dir === "ingress" ? "source" : "destination";
    npRules(np, dir).forEach((rule, i) => {
      const peers = npPeers(rule, dir);
      if (!peers) {
        ctx.report(
          np,
          `${dir} rule ${i} has no ${dir === "ingress" ? "from" : "to"}: it allows every ${word}`,
        );
        return;
      }
      peers.forEach((peer, j) => {
        if (
          peer.namespaceSelector !== undefined &&
          isEmptySelector(peer.namespaceSelector) &&
          peer.podSelector === undefined
        ) {
          ctx.report(
            np,
            `${dir} rule ${i} peer ${j} is \`namespaceSelector: {}\` without a podSelector: every pod of every namespace`,
          );
        }
        const cidr = str(obj(peer.ipBlock).cidr);
        if (dir === "ingress" && cidr && isAnyCidr(cidr)) {
          ctx.report(np, `ingress rule ${i} peer ${j} allows ipBlock ${cidr}: every source`);
        }
      });
    });
  }
}

function checkCilium(ctx: RuleContext, o: KubeObject): void {
  for (const rule of ciliumRules(o)) {
    objs(rule.ingress).forEach((r, i) => {
      const bad = strs(r.fromEntities).filter((e) => e === "all" || e === "world");
      if (bad.length) ctx.report(o, `ingress rule ${i} allows fromEntities ${bad.join(", ")}`);
      if (
        strs(r.fromCIDR).some(isAnyCidr) ||
        objs(r.fromCIDRSet).some((c) => isAnyCidr(str(c.cidr) ?? ""))
      ) {
        ctx.report(o, `ingress rule ${i} allows fromCIDR 0.0.0.0/0: every source`);
      }
    });
    objs(rule.egress).forEach((r, i) => {
      if (strs(r.toEntities).includes("all"))
        ctx.report(o, `egress rule ${i} allows toEntities all`);
    });
  }
}

function checkCalico(ctx: RuleContext, o: KubeObject): void {
  const spec = obj(o.spec);
  for (const dir of DIRECTIONS) {
    const side = dir === "ingress" ? "source" : "destination";
    objs(spec[dir]).forEach((r, i) => {
      if (r.action !== "Allow") return;
      const peer = obj(r[side]);
      const narrowed = [
        "selector",
        "namespaceSelector",
        "nets",
        "serviceAccounts",
        "services",
        "domains",
      ].some((k) => peer[k] !== undefined && !(k === "nets" && strs(peer[k]).some(isAnyCidr)));
      if (!narrowed)
        ctx.report(
          o,
          `${dir} rule ${i} is \`action: Allow\` with no ${side} selector: it allows every ${side}`,
        );
    });
  }
}
