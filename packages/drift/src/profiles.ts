import { calicoProfile } from "./kinds/calico.ts";
import { certManagerProfile } from "./kinds/cert-manager.ts";
import { ciliumProfile } from "./kinds/cilium.ts";
import { coreProfile } from "./kinds/core.ts";
import { constraintProfile, constraintTemplateProfile } from "./kinds/gatekeeper.ts";
import { istioNetworkingProfile, istioSecurityProfile } from "./kinds/istio.ts";
import { kyvernoCelProfile, kyvernoProfile } from "./kinds/kyverno.ts";
import { linkerdProfile } from "./kinds/linkerd.ts";
import { networkPolicyProfile } from "./kinds/network-policy.ts";
import type { KindProfile } from "./kinds/profile.ts";
import { rbacProfile } from "./kinds/rbac.ts";
import { appsProfile, batchProfile } from "./kinds/workloads.ts";
import { compileListPatterns, type ListMatcher } from "./list-semantics.ts";

/** Every kind profile, by API group. Explicit list, never glob-loaded. */
export const PROFILES: readonly KindProfile[] = [
  coreProfile,
  networkPolicyProfile,
  rbacProfile,
  istioSecurityProfile,
  istioNetworkingProfile,
  linkerdProfile,
  kyvernoProfile,
  kyvernoCelProfile,
  constraintTemplateProfile,
  constraintProfile,
  calicoProfile,
  ciliumProfile,
  certManagerProfile,
  appsProfile,
  batchProfile,
];

const byGroup = new Map(PROFILES.map((p) => [p.group, p]));

/** Cluster-scoped kinds without a profile of their own (built-in table for offline use). */
const OTHER_CLUSTER_SCOPED = new Set([
  "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
  "apiextensions.k8s.io/CustomResourceDefinition",
  "apiregistration.k8s.io/APIService",
  "storage.k8s.io/StorageClass",
  "scheduling.k8s.io/PriorityClass",
  "spire.spiffe.io/ClusterSPIFFEID",
  "spire.spiffe.io/ClusterStaticEntry",
  "policy.sigstore.dev/ClusterImagePolicy",
  "expansion.gatekeeper.sh/ExpansionTemplate",
  "mutations.gatekeeper.sh/Assign",
  "mutations.gatekeeper.sh/AssignMetadata",
  "mutations.gatekeeper.sh/AssignImage",
  "mutations.gatekeeper.sh/ModifySet",
  "spire.spiffe.io/ClusterFederatedTrustDomain",
  "gateway.networking.k8s.io/GatewayClass",
  "node.k8s.io/RuntimeClass",
]);

/** The profile for a kind, or undefined (generic normalization only, lists ordered). */
export function profileFor(group: string, kind: string): KindProfile | undefined {
  const profile = byGroup.get(group);
  if (!profile) return undefined;
  return profile.kinds === "*" || profile.kinds.includes(kind) ? profile : undefined;
}

/** Built-in scope table (drift.md 3.2). Unknown kinds are namespaced. */
export function isClusterScoped(group: string, kind: string): boolean {
  const scoped = byGroup.get(group)?.clusterScoped;
  if (scoped === "*" || scoped?.includes(kind)) return true;
  return OTHER_CLUSTER_SCOPED.has(`${group}/${kind}`);
}

const matchers = new Map<string, ListMatcher>();
const NO_SETS: ListMatcher = () => false;

/** Which lists of a kind are sets. */
export function listMatcherFor(group: string, kind: string): ListMatcher {
  const id = `${group}/${kind}`;
  const cached = matchers.get(id);
  if (cached) return cached;
  const lists = profileFor(group, kind)?.setLists;
  const patterns = lists?.[kind] ?? lists?.["*"];
  const matcher = patterns ? compileListPatterns(patterns) : NO_SETS;
  matchers.set(id, matcher);
  return matcher;
}
