import type { KindProfile } from "./profile.ts";

/**
 * Istio `security.istio.io` (istio/api CRDs): no schema defaults. `portLevelMtls` keys are strings
 * (a YAML `9090:` key already reads as `"9090"`). AuthorizationPolicy rules and their sources,
 * operations and conditions are unions.
 */
export const istioSecurityProfile: KindProfile = {
  group: "security.istio.io",
  kinds: ["PeerAuthentication", "AuthorizationPolicy", "RequestAuthentication"],
  setLists: {
    AuthorizationPolicy: [
      "spec/rules",
      "spec/rules/*/from",
      "spec/rules/*/to",
      "spec/rules/*/when",
      "spec/rules/*/from/*/source/*",
      "spec/rules/*/to/*/operation/*",
      "spec/rules/*/when/*/values",
      "spec/rules/*/when/*/notValues",
      "spec/targetRefs",
    ],
  },
};

/** Istio `networking.istio.io`: no defaults modelled; lists ordered (routes are evaluated in order). */
export const istioNetworkingProfile: KindProfile = {
  group: "networking.istio.io",
  kinds: ["DestinationRule", "Sidecar"],
};
