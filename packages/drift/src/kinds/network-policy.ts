import type { JsonObject } from "@fleet-baseline/model";
import { isEmpty } from "../json.ts";
import { child, items, objects, setDefault } from "./defaulting.ts";
import type { KindProfile } from "./profile.ts";

/**
 * `networking.k8s.io/v1` NetworkPolicy (kubernetes `pkg/apis/networking/v1/defaults.go`):
 * `policyTypes` from the rules when empty, `protocol: TCP` on ports, `podSelector: {}`.
 * Every list is a set: rules, peers and ports are unions.
 */
export const networkPolicyProfile: KindProfile = {
  group: "networking.k8s.io",
  kinds: ["NetworkPolicy"],
  normalize: (_kind, body) => normalizeNetworkPolicy(body),
  setLists: {
    NetworkPolicy: [
      "spec/policyTypes",
      "spec/ingress",
      "spec/egress",
      "spec/ingress/*/from",
      "spec/egress/*/to",
      "spec/ingress/*/ports",
      "spec/egress/*/ports",
      "spec/*/*/*/*/ipBlock/except",
      "**/matchExpressions",
      "**/matchExpressions/*/values",
    ],
  },
};

function normalizeNetworkPolicy(body: JsonObject): void {
  // spec is required (not a pointer): an empty one was dropped with the other empties.
  const spec = child(body, "spec") ?? {};
  body.spec = spec;
  setDefault(spec, "podSelector", {});
  if (isEmpty(spec.policyTypes)) {
    spec.policyTypes = items(spec, "egress").length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  }
  for (const direction of ["ingress", "egress"]) {
    for (const rule of objects(items(spec, direction))) {
      for (const port of objects(items(rule, "ports"))) setDefault(port, "protocol", "TCP");
    }
  }
}

/** Effective policy types of a normalized NetworkPolicy body. */
export function effectiveTypes(body: JsonObject): string[] {
  return items(child(body, "spec"), "policyTypes").filter(
    (t): t is string => typeof t === "string",
  );
}
