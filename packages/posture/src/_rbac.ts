import { groupOf, type JsonObject, type KubeObject } from "@fleet-baseline/model";
import type { ClusterView } from "./_cluster.ts";
import { obj, objs, str, strs } from "./_util.ts";

const RBAC = "rbac.authorization.k8s.io";

/** ClusterRoles every cluster has (bootstrap policy), so bindings to them resolve. */
export const BUILTIN_CLUSTER_ROLES = new Set(["cluster-admin", "admin", "edit", "view"]);

export function isRole(o: KubeObject): boolean {
  return (o.kind === "Role" || o.kind === "ClusterRole") && groupOf(o.apiVersion) === RBAC;
}

export function isBinding(o: KubeObject): boolean {
  return (
    (o.kind === "RoleBinding" || o.kind === "ClusterRoleBinding") && groupOf(o.apiVersion) === RBAC
  );
}

export function rulesOf(role: KubeObject): JsonObject[] {
  return objs(role.rules);
}

export interface Subject {
  kind: string;
  name: string;
  /** For ServiceAccounts: the subject's namespace, defaulting to the binding's. */
  namespace: string;
}

export function subjectsOf(binding: KubeObject): Subject[] {
  return objs(binding.subjects).map((s) => ({
    kind: str(s.kind) ?? "",
    name: str(s.name) ?? "",
    namespace:
      str(s.namespace) ?? (s.kind === "ServiceAccount" ? (binding.metadata.namespace ?? "") : ""),
  }));
}

export function describeSubject(s: Subject): string {
  return s.kind === "ServiceAccount"
    ? `ServiceAccount ${s.namespace}/${s.name}`
    : `${s.kind} ${s.name}`;
}

export function roleRefOf(binding: KubeObject): { kind: string; name: string } {
  const r = obj(binding.roleRef);
  return { kind: str(r.kind) ?? "", name: str(r.name) ?? "" };
}

/** The Role or ClusterRole a binding references, if rendered. A RoleBinding's Role is in its namespace. */
export function resolveRole(cluster: ClusterView, binding: KubeObject): KubeObject | undefined {
  const ref = roleRefOf(binding);
  const ns = binding.metadata.namespace ?? "";
  return cluster
    .ofKind(ref.kind, RBAC)
    .find(
      (r) =>
        r.metadata.name === ref.name && (ref.kind === "ClusterRole" || r.metadata.namespace === ns),
    );
}

/** Every binding that references `role`. */
export function bindingsOf(cluster: ClusterView, role: KubeObject): KubeObject[] {
  const byRole = cluster.memo("bindingsByRole", () => {
    const map = new Map<KubeObject, KubeObject[]>();
    for (const b of cluster.objects) {
      if (!isBinding(b)) continue;
      const r = resolveRole(cluster, b);
      if (r) map.set(r, [...(map.get(r) ?? []), b]);
    }
    return map;
  });
  return byRole.get(role) ?? [];
}

/** A platform identity: a ServiceAccount in a system namespace (the allow-list of ZT-RBAC-007). */
export function isPlatformSubject(cluster: ClusterView, s: Subject): boolean {
  return s.kind === "ServiceAccount" && cluster.isSystem(s.namespace);
}

/**
 * A role judged by the tenant-only RBAC controls: a Role outside the system namespaces, or a
 * ClusterRole not named `system:*` unless every binding to it grants it to platform identities only.
 */
export function isTenantRole(cluster: ClusterView, role: KubeObject): boolean {
  if (role.kind === "Role") return !cluster.isSystem(role.metadata.namespace ?? "");
  if ((role.metadata.name ?? "").startsWith("system:")) return false;
  const bindings = bindingsOf(cluster, role);
  if (bindings.length === 0) return true;
  return bindings.some((b) => subjectsOf(b).some((s) => !isPlatformSubject(cluster, s)));
}

function matches(list: string[], value: string): boolean {
  return list.includes("*") || list.includes(value);
}

/** Whether a resource list covers `resource` (e.g. pods/exec), including the wildcard forms. */
export function coversResource(resources: string[], resource: string): boolean {
  if (resources.includes("*") || resources.includes(resource)) return true;
  const [base, sub] = resource.split("/");
  if (sub === undefined) return false;
  return (
    resources.includes(`${base}/*`) || resources.includes(`*/${sub}`) || resources.includes("*/*")
  );
}

/** Whether one PolicyRule grants `verb` on `group`/`resource`. */
export function grants(rule: JsonObject, group: string, resource: string, verb: string): boolean {
  return (
    matches(strs(rule.apiGroups), group) &&
    coversResource(strs(rule.resources), resource) &&
    matches(strs(rule.verbs), verb)
  );
}

/** Verbs to look for on one resource. */
export interface Permission {
  group: string;
  resource: string;
  verbs: string[];
}

/** The verbs of `permission` that `rule` grants. */
export function grantedVerbs(rule: JsonObject, permission: Permission): string[] {
  return permission.verbs.filter((v) => grants(rule, permission.group, permission.resource, v));
}

/** Each rule of each tenant (Cluster)Role, with its index in the role. */
export function tenantRoleRules(
  cluster: ClusterView,
): Array<{ role: KubeObject; rule: JsonObject; index: number }> {
  const out: Array<{ role: KubeObject; rule: JsonObject; index: number }> = [];
  for (const { object } of cluster.entries) {
    if (!isRole(object) || !isTenantRole(cluster, object)) continue;
    for (const [index, rule] of rulesOf(object).entries()) out.push({ role: object, rule, index });
  }
  return out;
}

export function hasWildcard(rule: JsonObject): string[] {
  return ["verbs", "resources", "apiGroups", "nonResourceURLs"].filter((k) =>
    strs(rule[k]).some((v) => v.includes("*")),
  );
}
