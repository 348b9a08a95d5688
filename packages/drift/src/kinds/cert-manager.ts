import type { KindProfile } from "./profile.ts";

/**
 * cert-manager `cert-manager.io/v1`: no stored schema defaults modelled (the 1.18 change of
 * `privateKey.rotationPolicy` to Always is applied by the controller, not stored; unverified for
 * `revisionHistoryLimit`). Certificate names and usages are sets.
 */
export const certManagerProfile: KindProfile = {
  group: "cert-manager.io",
  kinds: ["Certificate", "Issuer", "ClusterIssuer"],
  clusterScoped: ["ClusterIssuer"],
  setLists: {
    Certificate: [
      "spec/dnsNames",
      "spec/ipAddresses",
      "spec/uris",
      "spec/emailAddresses",
      "spec/usages",
    ],
  },
};
