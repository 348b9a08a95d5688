/**
 * Resource identity as kustomize sees it: group, version, kind, name and namespace, with the
 * namespace rules of `resid.ResId` (empty and `default` are the same namespace for namespaced
 * kinds; cluster-scoped kinds have no namespace).
 */

export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A (possibly partial) GVK used to select resources; empty fields match anything. */
export interface GvkSelector {
  readonly group?: string | undefined;
  readonly version?: string | undefined;
  readonly kind?: string | undefined;
}

export interface ResId {
  readonly gvk: Gvk;
  readonly name: string;
  readonly namespace: string;
  /**
   * Known cluster-scoped from the built-in Kubernetes v1.21.2 schema. Ids rebuilt from the
   * previous-id history never are, exactly as in kustomize.
   */
  readonly clusterScoped: boolean;
}

export const DEFAULT_NAMESPACE = "default";
export const NOT_A_NAMESPACE = "_non_namespaceable_";

/**
 * Kinds listed as cluster-scoped in the Kubernetes v1.21.2 OpenAPI data kustomize v5.5.0 ships,
 * keyed by `apiVersion kind`. Every other kind, including every custom resource, is namespaced.
 */
const CLUSTER_SCOPED = new Set<string>([
  "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration",
  "apiextensions.k8s.io/v1 CustomResourceDefinition",
  "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
  "apiregistration.k8s.io/v1 APIService",
  "apiregistration.k8s.io/v1beta1 APIService",
  "certificates.k8s.io/v1 CertificateSigningRequest",
  "certificates.k8s.io/v1beta1 CertificateSigningRequest",
  "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema",
  "flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration",
  "networking.k8s.io/v1 IngressClass",
  "networking.k8s.io/v1beta1 IngressClass",
  "node.k8s.io/v1 RuntimeClass",
  "node.k8s.io/v1beta1 RuntimeClass",
  "policy/v1beta1 PodSecurityPolicy",
  "rbac.authorization.k8s.io/v1 ClusterRole",
  "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
  "rbac.authorization.k8s.io/v1beta1 ClusterRole",
  "rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding",
  "scheduling.k8s.io/v1 PriorityClass",
  "scheduling.k8s.io/v1beta1 PriorityClass",
  "storage.k8s.io/v1 CSIDriver",
  "storage.k8s.io/v1 CSINode",
  "storage.k8s.io/v1 StorageClass",
  "storage.k8s.io/v1 VolumeAttachment",
  "storage.k8s.io/v1beta1 CSIDriver",
  "storage.k8s.io/v1beta1 CSINode",
  "storage.k8s.io/v1beta1 StorageClass",
  "storage.k8s.io/v1beta1 VolumeAttachment",
  "v1 ComponentStatus",
  "v1 Namespace",
  "v1 Node",
  "v1 NodeProxyOptions",
  "v1 PersistentVolume",
]);

/**
 * Decides cluster scope for a kind. Replaceable so that a custom `openapi` schema (issue 3)
 * can change the answer for the whole build.
 */
export type ScopeOracle = (apiVersion: string, kind: string) => boolean;

export const builtinScope: ScopeOracle = (apiVersion, kind) =>
  CLUSTER_SCOPED.has(`${apiVersion} ${kind}`);

let currentScope: ScopeOracle = builtinScope;

/** Installs the scope oracle used by {@link isClusterScoped} (the builtin one by default). */
export function setScopeOracle(oracle: ScopeOracle | undefined): void {
  currentScope = oracle ?? builtinScope;
}

export function isClusterScoped(gvk: Gvk): boolean {
  return currentScope(apiVersionOf(gvk), gvk.kind);
}

export function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  if (i > -1) return { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
  return { group: "", version: apiVersion };
}

export function apiVersionOf(gvk: Gvk): string {
  return gvk.group !== "" ? `${gvk.group}/${gvk.version}` : gvk.version;
}

export function gvkEquals(a: Gvk, b: Gvk): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

/** `Gvk.IsSelected`: every non-empty selector field must equal. */
export function gvkSelected(gvk: Gvk, selector: GvkSelector | undefined): boolean {
  if (!selector) return true;
  if (selector.group && gvk.group !== selector.group) return false;
  if (selector.version && gvk.version !== selector.version) return false;
  if (selector.kind && gvk.kind !== selector.kind) return false;
  return true;
}

/** Kustomize's `Gvk.String()`: `Kind.version.group` with `[noGrp]`-style placeholders. */
export function gvkString(gvk: Gvk): string {
  return `${gvk.kind || "[noKind]"}.${gvk.version || "[noVer]"}.${gvk.group || "[noGrp]"}`;
}

export function makeResId(gvk: Gvk, name: string, namespace: string): ResId {
  return { gvk, name, namespace, clusterScoped: isClusterScoped(gvk) };
}

export function effectiveNamespace(id: ResId): string {
  if (id.clusterScoped) return NOT_A_NAMESPACE;
  if (id.namespace === "" || id.namespace === DEFAULT_NAMESPACE) return DEFAULT_NAMESPACE;
  return id.namespace;
}

export function idEquals(a: ResId, b: ResId): boolean {
  return (
    effectiveNamespace(a) === effectiveNamespace(b) && a.name === b.name && gvkEquals(a.gvk, b.gvk)
  );
}

export function nsEquals(a: ResId, b: ResId): boolean {
  return effectiveNamespace(a) === effectiveNamespace(b);
}

/** Kustomize's `ResId.String()`: `Kind.version.group/name.namespace`. */
export function idString(id: ResId): string {
  return `${gvkString(id.gvk)}/${id.name || "[noName]"}.${id.namespace || "[noNs]"}`;
}
