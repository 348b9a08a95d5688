import {
  globMatch,
  isConstraint,
  isKyvernoPolicy,
  isVapBinding,
  kyvernoRules,
  taggedControls,
} from "../_admission.ts";
import { matchesSelector } from "../_selectors.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule } from "../rule.ts";

/** Namespace lists of Kyverno `match`/`exclude` blocks (`any`, `all` and the legacy `resources`). */
function kyvernoNamespaces(block: unknown): string[][] {
  const b = obj(block);
  const filters = [...objs(b.any), ...objs(b.all), ...(b.resources !== undefined ? [b] : [])];
  return filters.map((f) => strs(obj(f.resources).namespaces)).filter((l) => l.length > 0);
}

export const ztAdm008 = defineRule({
  id: "ZT-ADM-008",
  title: "Policy coverage without blanket excludes",
  severity: "error",
  fix: "Exclude only system namespaces from baseline policies; waive a single namespace with a per-control exception instead.",
  stage: "none",
  stageNote: "Unchanged: an exclusion hides the namespace from every stage.",
  check(ctx) {
    const c = ctx.cluster;
    const tenants = c.tenantNamespaces();
    for (const { object: o } of c.entries) {
      if (taggedControls(o).length === 0) continue;
      if (isKyvernoPolicy(o)) {
        for (const rule of kyvernoRules(o)) {
          const name = str(rule.name) ?? "";
          for (const list of kyvernoNamespaces(rule.exclude)) {
            const hit = tenants.filter((ns) => list.some((p) => globMatch(p, ns)));
            if (hit.length)
              ctx.report(o, `rule "${name}" excludes tenant namespaces [${hit.join(", ")}]`);
          }
          for (const list of kyvernoNamespaces(rule.match)) {
            const missed = tenants.filter((ns) => !list.some((p) => globMatch(p, ns)));
            if (missed.length)
              ctx.report(
                o,
                `rule "${name}" matches only [${list.join(", ")}] and misses tenant namespaces [${missed.join(", ")}]`,
              );
          }
        }
      } else if (isConstraint(o)) {
        const match = obj(obj(o.spec).match);
        const excluded = strs(match.excludedNamespaces);
        const hit = tenants.filter((ns) => excluded.some((p) => globMatch(p, ns)));
        if (hit.length)
          ctx.report(o, `excludedNamespaces covers tenant namespaces [${hit.join(", ")}]`);
        const only = strs(match.namespaces);
        const missed = only.length
          ? tenants.filter((ns) => !only.some((p) => globMatch(p, ns)))
          : [];
        if (missed.length)
          ctx.report(o, `match.namespaces misses tenant namespaces [${missed.join(", ")}]`);
      } else if (isVapBinding(o)) {
        const sel = obj(obj(o.spec).matchResources).namespaceSelector;
        if (sel === undefined) continue;
        const missed = tenants.filter((ns) => !matchesSelector(sel, c.namespaceLabels(ns)));
        if (missed.length)
          ctx.report(
            o,
            `matchResources.namespaceSelector misses tenant namespaces [${missed.join(", ")}]`,
          );
      }
    }
  },
});
