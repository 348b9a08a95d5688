import { child, setDefault } from "./defaulting.ts";
import type { KindProfile } from "./profile.ts";

/**
 * Gatekeeper ConstraintTemplate (`templates.gatekeeper.sh`): `crd.spec.validation` defaults to
 * `{legacySchema: false}` in v1 and `legacySchema` to `true` in v1beta1/v1alpha1, so defaults
 * depend on the version read. `targets` is keyed by `target`, `targets[].code` by `engine`:
 * both compared without order.
 */
export const constraintTemplateProfile: KindProfile = {
  group: "templates.gatekeeper.sh",
  kinds: ["ConstraintTemplate"],
  clusterScoped: "*",
  normalize: (_kind, body, { version }) => {
    const crdSpec = child(child(child(body, "spec"), "crd"), "spec");
    if (!crdSpec) return;
    setDefault(crdSpec, "validation", {});
    setDefault(child(crdSpec, "validation"), "legacySchema", version !== "v1");
  },
  setLists: { ConstraintTemplate: ["spec/targets", "spec/targets/*/code", "spec/targets/*/libs"] },
};

/** Gatekeeper constraints (`constraints.gatekeeper.sh`, every kind): cluster-scoped, no defaults. */
export const constraintProfile: KindProfile = {
  group: "constraints.gatekeeper.sh",
  kinds: "*",
  clusterScoped: "*",
  setLists: {
    "*": [
      "spec/match/kinds",
      "spec/match/kinds/*/apiGroups",
      "spec/match/kinds/*/kinds",
      "spec/match/namespaces",
      "spec/match/excludedNamespaces",
      "**/matchExpressions",
      "**/matchExpressions/*/values",
    ],
  },
};
