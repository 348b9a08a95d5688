import type { KubeObject } from "@fleet-baseline/model";
import {
  calicoSelectsNamespace,
  calicoTypes,
  ciliumDenies,
  ciliumRules,
  ciliumSelectsNamespace,
  DIRECTIONS,
  type Direction,
  isCalicoGlobal,
} from "../_netpol.ts";
import { clusterRef } from "../_refs.ts";
import { defineRule } from "../rule.ts";

export const ztNet008 = defineRule({
  id: "ZT-NET-008",
  title: "Cluster-wide CNI guardrail",
  severity: "error",
  fix: "Add one Calico GlobalNetworkPolicy (`types: [Ingress, Egress]`, selector excluding only system namespaces) or a CiliumClusterwideNetworkPolicy with `enableDefaultDeny: {ingress: true, egress: true}`.",
  stage: "custom",
  stageNote:
    "A Staged* policy passes only when the policy's own rollout-stage annotation is observe or audit.",
  check(ctx) {
    const c = ctx.cluster;
    const tenants = c.tenantNamespaces();
    const systems = c.fleet.systemNamespaces;
    const candidates: {
      object: KubeObject;
      covers(ns: string): boolean;
      denies(d: Direction): boolean;
    }[] = [];
    for (const o of c.objects) {
      if (isCalicoGlobal(o)) {
        candidates.push({
          object: o,
          covers: (ns) => calicoSelectsNamespace(o, ns, c.namespaceLabels(ns)),
          denies: (d) => calicoTypes(o).has(d),
        });
      } else if (
        o.kind === "CiliumClusterwideNetworkPolicy" &&
        o.apiVersion.startsWith("cilium.io/")
      ) {
        const rules = ciliumRules(o);
        const covering = (ns: string) =>
          rules.filter((r) =>
            ciliumSelectsNamespace(r.endpointSelector, ns, c.namespaceLabels(ns)),
          );
        candidates.push({
          object: o,
          covers: (ns) => covering(ns).length > 0,
          // Per direction, a rule covering the tenants must deny; use the first tenant as witness.
          denies: (d) =>
            tenants.length > 0 &&
            tenants.every((ns) => covering(ns).some((r) => ciliumDenies(r, d))),
        });
      }
    }
    const guards = candidates.filter(
      (g) => tenants.some((ns) => g.covers(ns)) && DIRECTIONS.some((d) => g.denies(d)),
    );
    if (tenants.length > 0 && guards.length === 0) {
      ctx.report(
        clusterRef(c.name),
        "no cluster-wide Calico or Cilium policy puts tenant namespaces in default-deny; a tenant can widen the baseline by deleting its namespace policy",
        { severity: "warning" },
      );
      return;
    }
    const problems = new Map<KubeObject, string[]>();
    for (const g of guards) {
      const p: string[] = [];
      const missingDirs = DIRECTIONS.filter((d) => !g.denies(d));
      if (missingDirs.length)
        p.push(
          `does not default-deny ${missingDirs.join(" and ")} (Cilium: empty rule lists do not enable deny; Calico: write \`types\` explicitly)`,
        );
      const uncovered = tenants.filter((ns) => !g.covers(ns));
      if (uncovered.length) p.push(`does not select tenant namespaces [${uncovered.join(", ")}]`);
      const lockedOut = systems.filter((ns) => g.covers(ns));
      if (lockedOut.length)
        p.push(
          `selects system namespaces [${lockedOut.join(", ")}]; exclude exactly the system list`,
        );
      if (g.object.kind.startsWith("Staged") && c.stageOf(g.object) === "enforce")
        p.push("is a staged policy, which does not enforce; use GlobalNetworkPolicy in enforce");
      problems.set(g.object, p);
    }
    const good = guards.filter((g) => problems.get(g.object)?.length === 0);
    if (good.length === 0) {
      for (const [o, p] of problems) for (const m of p) ctx.report(o, m);
    } else if (good.filter((g) => g.object.kind === good[0]?.object.kind).length > 1) {
      for (const g of good.slice(1))
        ctx.report(g.object, "more than one guardrail of this CNI flavour; keep exactly one", {
          severity: "warning",
        });
    }
  },
});
