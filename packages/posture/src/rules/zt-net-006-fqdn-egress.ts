import type { KubeObject } from "@fleet-baseline/model";
import {
  ciliumRules,
  effectiveTypes,
  isAnyCidr,
  isCalicoPolicy,
  isCilium,
  isNetworkPolicy,
  npPeers,
  npRules,
  tenantPolicyObjects,
} from "../_netpol.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";
import type { RuleContext } from "../types.ts";

export const ztNet006 = defineRule({
  id: "ZT-NET-006",
  title: "Internet egress via FQDN allow-lists only",
  severity: "error",
  fix: "Replace 0.0.0.0/0 egress with Cilium `toFQDNs` (plus a DNS rule) or Calico `destination.domains`.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const o of tenantPolicyObjects(ctx.cluster)) {
      if (isNetworkPolicy(o)) checkNetworkPolicy(ctx, o);
      else if (isCilium(o, "CiliumNetworkPolicy")) checkCilium(ctx, o);
      else if (isCalicoPolicy(o)) {
        objs(obj(o.spec).egress).forEach((r, i) => {
          if (r.action === "Allow" && strs(obj(r.destination).nets).some(isAnyCidr)) {
            ctx.report(
              o,
              `egress rule ${i} allows destination nets 0.0.0.0/0; use destination.domains`,
            );
          }
        });
      }
    }
  },
});

function checkNetworkPolicy(ctx: RuleContext, np: KubeObject): void {
  if (!effectiveTypes(np).has("egress")) return;
  npRules(np, "egress").forEach((rule, i) => {
    npPeers(rule, "egress")?.forEach((peer, j) => {
      const cidr = str(obj(peer.ipBlock).cidr);
      if (cidr && isAnyCidr(cidr)) {
        ctx.report(
          np,
          `egress rule ${i} peer ${j} allows ipBlock ${cidr} (the whole internet, \`except\` notwithstanding); use an FQDN allow-list`,
        );
      }
    });
  });
}

function checkCilium(ctx: RuleContext, cnp: KubeObject): void {
  const rules = ciliumRules(cnp);
  let hasFqdn = false;
  const hasDnsRule = ctx.cluster
    .ofKind("CiliumNetworkPolicy", "cilium.io")
    .filter((o) => o.metadata.namespace === cnp.metadata.namespace)
    .some((o) =>
      ciliumRules(o).some((r) =>
        objs(r.egress).some((e) => objs(e.toPorts).some((tp) => obj(tp.rules).dns !== undefined)),
      ),
    );
  for (const rule of rules) {
    objs(rule.egress).forEach((e, i) => {
      const ent = strs(e.toEntities).filter((x) => x === "world" || x === "all");
      if (ent.length)
        ctx.report(cnp, `egress rule ${i} allows toEntities ${ent.join(", ")}; use toFQDNs`);
      if (
        strs(e.toCIDR).some(isAnyCidr) ||
        objs(e.toCIDRSet).some((c) => isAnyCidr(str(c.cidr) ?? ""))
      ) {
        ctx.report(cnp, `egress rule ${i} allows toCIDR 0.0.0.0/0; use toFQDNs`);
      }
      const fqdns = objs(e.toFQDNs);
      if (fqdns.length) hasFqdn = true;
      if (fqdns.some((f) => f.matchPattern === "*" || f.matchPattern === "**")) {
        ctx.report(cnp, `egress rule ${i} has toFQDNs matchPattern "*": every name`);
      }
    });
  }
  if (hasFqdn && !hasDnsRule) {
    ctx.report(
      cnp,
      "toFQDNs without a DNS rule (`toPorts[].rules.dns`) towards the cluster DNS never matches; add one",
      {
        severity: "warning",
      },
    );
  }
}
