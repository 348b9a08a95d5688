import type { JsonObject } from "@fleet-baseline/model";
import { child, items, objects, setDefault } from "./defaulting.ts";
import type { KindProfile } from "./profile.ts";

/**
 * Kyverno `kyverno.io` ClusterPolicy/Policy (kyverno `config/crds/kyverno/kyverno.io_clusterpolicies.yaml`):
 * CRD defaults for `admission`, `background`, `emitWarning`, `validationFailureAction`, per-rule
 * `skipBackgroundRequests`, `validate.allowExistingViolations`, `context[].apiCall.method` and the
 * `verifyImages` booleans. Rules are ordered: mutations and `applyRules: One` depend on order.
 * The action enum accepts `audit|enforce|Audit|Enforce`; case is folded.
 */
export const kyvernoProfile: KindProfile = {
  group: "kyverno.io",
  kinds: ["ClusterPolicy", "Policy", "PolicyException", "ClusterCleanupPolicy", "CleanupPolicy"],
  clusterScoped: ["ClusterPolicy", "ClusterCleanupPolicy"],
  normalize: (kind, body) => {
    if (kind === "ClusterPolicy" || kind === "Policy") normalizePolicy(body);
  },
};

function normalizePolicy(body: JsonObject): void {
  // spec is required (not a pointer): an empty one was dropped with the other empties.
  const spec = child(body, "spec") ?? {};
  body.spec = spec;
  setDefault(spec, "admission", true);
  setDefault(spec, "background", true);
  setDefault(spec, "emitWarning", false);
  setDefault(spec, "validationFailureAction", "Audit");
  if (typeof spec.validationFailureAction === "string") {
    spec.validationFailureAction = capitalize(spec.validationFailureAction);
  }
  for (const rule of objects(items(spec, "rules"))) {
    setDefault(rule, "skipBackgroundRequests", true);
    const validate = child(rule, "validate");
    if (validate) {
      setDefault(validate, "allowExistingViolations", true);
      if (typeof validate.failureAction === "string") {
        validate.failureAction = capitalize(validate.failureAction);
      }
    }
    for (const entry of objects(items(rule, "context"))) {
      const apiCall = child(entry, "apiCall");
      if (apiCall) setDefault(apiCall, "method", "GET");
    }
    for (const verify of objects(items(rule, "verifyImages"))) {
      for (const flag of ["mutateDigest", "required", "useCache", "verifyDigest"]) {
        setDefault(verify, flag, true);
      }
      for (const attestor of objects(items(verify, "attestors"))) {
        for (const entry of objects(items(attestor, "entries"))) {
          const keys = child(entry, "keys");
          if (keys) setDefault(keys, "signatureAlgorithm", "sha256");
        }
      }
    }
  }
}

function capitalize(value: string): string {
  if (value === "audit") return "Audit";
  if (value === "enforce") return "Enforce";
  return value;
}

const CEL_POLICIES = [
  "ValidatingPolicy",
  "ImageValidatingPolicy",
  "MutatingPolicy",
  "GeneratingPolicy",
  "DeletingPolicy",
];

/**
 * Kyverno CEL policies (`policies.kyverno.io`; CRD `policies.kyverno.io_validatingpolicies.yaml`,
 * read at v1alpha1: the v1 schema is assumed to keep these defaults): `evaluation.admission.enabled`
 * and `evaluation.background.enabled` default to true when their parent is set;
 * `validationActions` is a set. Cluster-scoped.
 */
export const kyvernoCelProfile: KindProfile = {
  group: "policies.kyverno.io",
  kinds: CEL_POLICIES,
  clusterScoped: CEL_POLICIES,
  normalize: (_kind, body) => {
    const evaluation = child(child(body, "spec"), "evaluation");
    for (const phase of ["admission", "background"]) {
      const settings = child(evaluation, phase);
      if (settings) setDefault(settings, "enabled", true);
    }
  },
  setLists: Object.fromEntries(CEL_POLICIES.map((k) => [k, ["spec/validationActions"]])),
};
