import type { KubeObject } from "@fleet-baseline/model";
import {
  globMatch,
  isAdmissionPolicy,
  isConstraint,
  isEnforcing,
  isImageValidatingPolicy,
  isKyvernoPolicy,
  isVap,
  isVapBinding,
  kyvernoRules,
  taggedControls,
} from "../_admission.ts";
import type { ClusterView } from "../_cluster.ts";
import { clusterRef, missingRef } from "../_refs.ts";
import { matchesSelector } from "../_selectors.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule } from "../rule.ts";

/** Pod-level controls: admission can only enforce them on Pods (and controllers via autogen). */
const POD_CONTROLS = new Set([
  ...["004", "005", "006", "007", "008", "009", "010", "011", "012", "013", "014"].map(
    (n) => `ZT-PSS-${n}`,
  ),
  "ZT-ADM-004",
  "ZT-ADM-005",
]);
const POD_KINDS = new Set([
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "CronJob",
  "*",
]);

/** Admission policies whose coverage counts, ImageValidatingPolicies included. */
function isCoveringPolicy(o: KubeObject): boolean {
  return isAdmissionPolicy(o) || isImageValidatingPolicy(o);
}

/** Namespace lists of Kyverno `match`/`exclude` blocks (`any`, `all` and the legacy `resources`). */
function kyvernoNamespaces(block: unknown): string[][] {
  const b = obj(block);
  const filters = [...objs(b.any), ...objs(b.all), ...(b.resources !== undefined ? [b] : [])];
  return filters.map((f) => strs(obj(f.resources).namespaces)).filter((l) => l.length > 0);
}

/** Tenant namespaces a policy applies to, after its namespace lists, selectors and excludes. */
function covered(c: ClusterView, o: KubeObject, tenants: string[]): Set<string> {
  const spec = obj(o.spec);
  const bySelector = (sel: unknown) =>
    sel === undefined
      ? tenants
      : tenants.filter((ns) => matchesSelector(sel, c.namespaceLabels(ns)));
  if (isKyvernoPolicy(o)) {
    const out = new Set<string>();
    for (const rule of kyvernoRules(o)) {
      const only = kyvernoNamespaces(rule.match).flat();
      const excluded = kyvernoNamespaces(rule.exclude).flat();
      for (const ns of tenants) {
        if (o.kind === "Policy" && o.metadata.namespace !== ns) continue;
        if (only.length && !only.some((p) => globMatch(p, ns))) continue;
        if (excluded.some((p) => globMatch(p, ns))) continue;
        out.add(ns);
      }
    }
    return out;
  }
  if (isConstraint(o)) {
    const match = obj(spec.match);
    const only = strs(match.namespaces);
    const excluded = strs(match.excludedNamespaces);
    return new Set(
      bySelector(match.namespaceSelector).filter(
        (ns) =>
          (only.length === 0 || only.some((p) => globMatch(p, ns))) &&
          !excluded.some((p) => globMatch(p, ns)),
      ),
    );
  }
  if (isVapBinding(o)) {
    const policy = c.objects.find((p) => isVap(p) && p.metadata.name === str(spec.policyName));
    const own = bySelector(obj(spec.matchResources).namespaceSelector);
    const theirs = policy ? covered(c, policy, tenants) : new Set(tenants);
    return new Set(own.filter((ns) => theirs.has(ns)));
  }
  return new Set(bySelector(obj(spec.matchConstraints).namespaceSelector));
}

/** Whether an admission policy's match covers Pods (or pod controllers, which Kyverno autogen expands). */
function matchesPods(o: KubeObject, all: readonly KubeObject[]): boolean {
  const spec = obj(o.spec);
  if (isKyvernoPolicy(o)) {
    return kyvernoRules(o).some((r) => {
      const m = obj(r.match);
      const filters = [...objs(m.any), ...objs(m.all), ...(m.resources !== undefined ? [m] : [])];
      const kinds = filters.flatMap((f) => strs(obj(f.resources).kinds));
      return kinds.length === 0 || kinds.some((k) => POD_KINDS.has(k.split("/").at(-1) ?? k));
    });
  }
  if (isConstraint(o)) {
    const kinds = objs(obj(spec.match).kinds).flatMap((k) => strs(k.kinds));
    return kinds.length === 0 || kinds.some((k) => POD_KINDS.has(k));
  }
  if (isVapBinding(o)) {
    const policy = all.find((p) => isVap(p) && p.metadata.name === spec.policyName);
    return policy !== undefined && matchesPods(policy, all);
  }
  const rules = objs(obj(spec.matchConstraints).resourceRules);
  return (
    isImageValidatingPolicy(o) ||
    rules.some((r) => strs(r.resources).some((res) => res === "pods" || res === "*"))
  );
}

export const ztAdm008 = defineRule({
  id: "ZT-ADM-008",
  title: "Policy coverage without blanket excludes",
  severity: "error",
  fix: "Exclude only system namespaces from baseline policies; waive a single namespace with a per-control exception instead.",
  stage: "none",
  stageNote:
    "Unchanged; stage-specific policy variants (one for audit namespaces, one for enforce) count together: coverage is the union over the policies tagged with a control.",
  check(ctx) {
    const c = ctx.cluster;
    const tenants = c.tenantNamespaces();
    const policies = c.objects.filter((o) => isCoveringPolicy(o) && taggedControls(o).length > 0);
    // 1. Explicit excludes of tenant namespaces are blanket exceptions (catalog: expand wildcards).
    for (const o of policies) {
      if (isKyvernoPolicy(o)) {
        for (const rule of kyvernoRules(o)) {
          for (const list of kyvernoNamespaces(rule.exclude)) {
            const hit = tenants.filter((ns) => list.some((p) => globMatch(p, ns)));
            if (hit.length) {
              ctx.report(
                o,
                `rule "${str(rule.name) ?? ""}" excludes tenant namespaces [${hit.join(", ")}]`,
              );
            }
          }
        }
      } else if (isConstraint(o)) {
        const excluded = strs(obj(obj(o.spec).match).excludedNamespaces);
        const hit = tenants.filter((ns) => excluded.some((p) => globMatch(p, ns)));
        if (hit.length) {
          ctx.report(o, `excludedNamespaces covers tenant namespaces [${hit.join(", ")}]`);
        }
      }
    }
    // 2. Every tagged control reaches every tenant namespace through some policy.
    const coverage = new Map(policies.map((o) => [o, covered(c, o, tenants)]));
    const controls = [...new Set(policies.flatMap(taggedControls))].sort();
    for (const ns of tenants) {
      const missing = controls.filter(
        (id) => !policies.some((o) => taggedControls(o).includes(id) && coverage.get(o)?.has(ns)),
      );
      if (missing.length) {
        ctx.report(
          c.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns),
          `no admission policy for ${missing.join(", ")} applies to this namespace (namespace lists, selectors or excludes leave it out)`,
          { namespace: ns },
        );
      }
    }
    // 3. Pod-level controls need an enforcing policy that matches Pods in an enforce stage.
    for (const control of controls.filter((id) => POD_CONTROLS.has(id))) {
      const ok = policies.some(
        (p) =>
          taggedControls(p).includes(control) &&
          c.stageOf(p) === "enforce" &&
          isEnforcing(p, c.objects) &&
          matchesPods(p, c.objects),
      );
      if (!ok) {
        ctx.report(
          clusterRef(c.name),
          `${control} is tagged on admission policies, but none enforces it on Pods in an enforce stage`,
        );
      }
    }
  },
});
