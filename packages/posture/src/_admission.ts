import { ANNOTATIONS, groupOf, type JsonObject, type KubeObject } from "@fleet-baseline/model";
import { obj, objs, str, strs } from "./_util.ts";

/** Controls a policy says it implements (annotation `fleet-baseline.io/controls`). */
export function taggedControls(o: KubeObject): string[] {
  return (o.metadata.annotations?.[ANNOTATIONS.controls] ?? "").split(/[\s,]+/).filter(Boolean);
}

export function isKyvernoPolicy(o: KubeObject): boolean {
  return (
    (o.kind === "ClusterPolicy" || o.kind === "Policy") && groupOf(o.apiVersion) === "kyverno.io"
  );
}

export function isValidatingPolicy(o: KubeObject): boolean {
  return o.kind === "ValidatingPolicy" && groupOf(o.apiVersion) === "policies.kyverno.io";
}

export function isVap(o: KubeObject): boolean {
  return (
    o.kind === "ValidatingAdmissionPolicy" &&
    groupOf(o.apiVersion) === "admissionregistration.k8s.io"
  );
}

export function isVapBinding(o: KubeObject): boolean {
  return (
    o.kind === "ValidatingAdmissionPolicyBinding" &&
    groupOf(o.apiVersion) === "admissionregistration.k8s.io"
  );
}

export function isConstraint(o: KubeObject): boolean {
  return groupOf(o.apiVersion) === "constraints.gatekeeper.sh";
}

export function isImageValidatingPolicy(o: KubeObject): boolean {
  return o.kind === "ImageValidatingPolicy" && groupOf(o.apiVersion) === "policies.kyverno.io";
}

/** Kyverno policies, ValidatingPolicies, VAPs and their bindings, Gatekeeper constraints. */
export function isAdmissionPolicy(o: KubeObject): boolean {
  return (
    isKyvernoPolicy(o) || isValidatingPolicy(o) || isVap(o) || isVapBinding(o) || isConstraint(o)
  );
}

function normalizeAction(a: string | undefined): string | undefined {
  if (a === undefined) return undefined;
  return a.toLowerCase() === "enforce" ? "Enforce" : a.toLowerCase() === "audit" ? "Audit" : a;
}

/**
 * The effective action of one Kyverno rule (controls.md §2 rule 13): rule-level
 * `validate.failureAction` over the deprecated `spec.validationFailureAction`; Kyverno's default is Audit.
 */
export function kyvernoRuleAction(policy: KubeObject, rule: JsonObject): string {
  return (
    normalizeAction(str(obj(rule.validate).failureAction)) ??
    normalizeAction(str(obj(policy.spec).validationFailureAction)) ??
    "Audit"
  );
}

export function kyvernoRules(policy: KubeObject): JsonObject[] {
  return objs(obj(policy.spec).rules);
}

/** Whether the policy blocks violations: every validate rule Enforce / actions contain Deny / constraint deny. */
export function isEnforcing(o: KubeObject, all: readonly KubeObject[]): boolean {
  if (isKyvernoPolicy(o)) {
    const rules = kyvernoRules(o).filter((r) => r.validate !== undefined);
    return rules.length > 0 && rules.every((r) => kyvernoRuleAction(o, r) === "Enforce");
  }
  if (isValidatingPolicy(o) || isVapBinding(o))
    return strs(obj(o.spec).validationActions).includes("Deny");
  if (isVap(o)) {
    return all.some(
      (b) =>
        isVapBinding(b) &&
        obj(b.spec).policyName === o.metadata.name &&
        strs(obj(b.spec).validationActions).includes("Deny"),
    );
  }
  if (isConstraint(o)) {
    const a = obj(o.spec).enforcementAction;
    return a === undefined || a === "deny";
  }
  return false;
}

/** Shell-style glob (`*`, `?`) as Kyverno and Gatekeeper use for namespace names. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return re.test(value);
}
