import { groupOf, type KubeObject } from "@fleet-baseline/model";
import { istioEnrolled, usesIstio } from "../_mesh.ts";
import { missingRef } from "../_refs.ts";
import { isEmptySelector } from "../_selectors.ts";
import { obj } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

function isAuthz(o: KubeObject): boolean {
  return o.kind === "AuthorizationPolicy" && groupOf(o.apiVersion) === "security.istio.io";
}

/** An ALLOW policy (action absent or ALLOW). */
function isAllow(spec: Record<string, unknown>): boolean {
  return spec.action === undefined || spec.action === "ALLOW";
}

/** Applies to every workload of its namespace: no selector, no targetRef(s). */
function namespaceWide(spec: Record<string, unknown>): boolean {
  return (
    isEmptySelector(obj(spec.selector)) &&
    spec.targetRef === undefined &&
    spec.targetRefs === undefined
  );
}

/** `spec: {}` (or no rules): matches nothing, i.e. denies all. `rules: [{}]` is the opposite. */
export function isAllowNothing(o: KubeObject): boolean {
  const spec = obj(o.spec);
  const rules = spec.rules;
  return (
    isAuthz(o) &&
    isAllow(spec) &&
    namespaceWide(spec) &&
    (rules === undefined || (Array.isArray(rules) && rules.length === 0))
  );
}

export const ztMesh003 = defineRule({
  id: "ZT-MESH-003",
  title: "Default-deny authorization per namespace (Istio)",
  severity: "error",
  fix: "Add an AuthorizationPolicy with `spec: {}` (allow-nothing) to every meshed namespace, or one in the Istio root namespace.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    if (!usesIstio(c)) return;
    const aps = c.objects.filter(isAuthz);
    const root = c.fleet.istioRootNamespace;
    const meshWide = aps.some((a) => a.metadata.namespace === root && isAllowNothing(a));
    for (const ns of c.tenantNamespaces()) {
      if (!istioEnrolled(c, ns)) continue;
      if (!meshWide && !aps.some((a) => a.metadata.namespace === ns && isAllowNothing(a))) {
        ctx.report(
          c.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns),
          "has no allow-nothing AuthorizationPolicy (`spec: {}`); workloads without an ALLOW policy accept every request",
          { namespace: ns },
        );
      }
    }
    for (const a of aps) {
      const spec = obj(a.spec);
      const rules = Array.isArray(spec.rules) ? spec.rules : [];
      if (
        !c.isSystem(a.metadata.namespace ?? "") &&
        isAllow(spec) &&
        rules.some((r) => Object.keys(obj(r)).length === 0)
      ) {
        ctx.report(
          a,
          "has a rule `{}`, which matches every request: it is allow-all, not deny-all; use `spec: {}` for allow-nothing",
        );
      }
    }
  },
});
