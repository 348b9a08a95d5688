import type { KubeObject } from "@fleet-baseline/model";
import {
  globMatch,
  isKyvernoPolicy,
  isValidatingPolicy,
  isVapBinding,
  kyvernoRuleAction,
  kyvernoRules,
  taggedControls,
} from "../_admission.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule } from "../rule.ts";

export const ztAdm001 = defineRule({
  id: "ZT-ADM-001",
  title: "Kyverno / VAP policies enforce in enforce stage",
  severity: "error",
  fix: "Set `validate.failureAction: Enforce` on every rule (or `validationActions: [Deny]`) of policies tagged with baseline controls, and drop Audit overrides for tenant namespaces.",
  stage: "custom",
  stageNote:
    "Only policies whose own stage (annotation, else their namespace's) is enforce must enforce; observe/audit policies may Audit.",
  check(ctx) {
    const c = ctx.cluster;
    const all = c.objects;
    const tenants = c.tenantNamespaces();
    for (const o of all) {
      if (c.stageOf(o) !== "enforce") continue;
      if (isKyvernoPolicy(o) && taggedControls(o).length > 0) {
        for (const rule of kyvernoRules(o)) {
          if (rule.validate === undefined) continue;
          const name = str(rule.name) ?? "";
          const action = kyvernoRuleAction(o, rule);
          if (action !== "Enforce")
            ctx.report(
              o,
              `rule "${name}" has effective action ${action}; set validate.failureAction: Enforce`,
            );
          const overrides = [
            ...objs(obj(o.spec).validationFailureActionOverrides),
            ...objs(obj(rule.validate).failureActionOverrides),
          ];
          for (const ov of overrides) {
            if (String(ov.action).toLowerCase() !== "audit") continue;
            const hit = tenants.filter((ns) => strs(ov.namespaces).some((p) => globMatch(p, ns)));
            if (hit.length)
              ctx.report(
                o,
                `rule "${name}" is downgraded to Audit for tenant namespaces [${hit.join(", ")}]`,
              );
          }
        }
      } else if ((isValidatingPolicy(o) || isVapBinding(o)) && tagged(o, all)) {
        const actions = strs(obj(o.spec).validationActions);
        if (!actions.includes("Deny"))
          ctx.report(o, `validationActions [${actions.join(", ")}] do not include Deny`);
      }
    }
  },
});

/** A binding is tagged when it or the policy it binds carries the controls annotation. */
function tagged(o: KubeObject, all: readonly KubeObject[]): boolean {
  if (taggedControls(o).length > 0) return true;
  if (!isVapBinding(o)) return false;
  const name = obj(o.spec).policyName;
  return all.some(
    (p) =>
      p.kind === "ValidatingAdmissionPolicy" &&
      p.metadata.name === name &&
      taggedControls(p).length > 0,
  );
}
