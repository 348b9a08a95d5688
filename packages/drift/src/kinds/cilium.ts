import type { KindProfile } from "./profile.ts";

/**
 * Cilium `cilium.io/v2` (cilium `pkg/policy/api`): ports are strings in the schema, `protocol` is
 * not defaulted. Every rule list is a union, so all lists are sets.
 */
export const ciliumProfile: KindProfile = {
  group: "cilium.io",
  kinds: ["CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy"],
  clusterScoped: ["CiliumClusterwideNetworkPolicy"],
  setLists: { CiliumNetworkPolicy: ["**"], CiliumClusterwideNetworkPolicy: ["**"] },
};
