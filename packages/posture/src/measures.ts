import type { Stage } from "@fleet-baseline/model";
import { isAdmissionPolicy, isEnforcing, taggedControls } from "./_admission.ts";
import type { ClusterView } from "./_cluster.ts";
import { effectiveMtls, isIstioMeshed, isMeshed, linkerdEnrolled } from "./_mesh.ts";
import { defaultDenyFor } from "./_netpol.ts";
import type { Workload } from "./_pods.ts";
import {
  grants,
  hasWildcard,
  isBinding,
  resolveRole,
  roleRefOf,
  rulesOf,
  subjectsOf,
} from "./_rbac.ts";
import { strs } from "./_util.ts";
import { daysToExpiry, exceptionProblems, readException } from "./exceptions.ts";
import type {
  ClusterMeasures,
  NamespaceMeasures,
  OpenException,
  PostureFinding,
  PostureOptions,
  Ratio,
  RbacScore,
} from "./types.ts";

const GOOD_LINKERD = new Set(["all-authenticated", "cluster-authenticated", "deny"]);

/** The adoption measures ZT-M-001…005 of one cluster, per cluster and per tenant namespace. */
export function computeMeasures(
  cluster: ClusterView,
  findings: PostureFinding[],
  options: PostureOptions,
): ClusterMeasures {
  const namespaces: Record<string, NamespaceMeasures> = {};
  const open = findings.filter((f) => f.status === "fail");
  const nsOfFinding = (f: PostureFinding) =>
    f.kind === "Namespace" && f.apiVersion === "v1" ? f.name : f.namespace;
  let ddPass = 0;
  let meshPass = 0;
  let meshTotal = 0;
  for (const ns of cluster.tenantNamespaces()) {
    const dd =
      defaultDenyFor(cluster, ns, "ingress") !== undefined &&
      defaultDenyFor(cluster, ns, "egress") !== undefined;
    if (dd) ddPass++;
    const ws = cluster.workloadsIn(ns);
    const strict = ws.filter((w) => mtlsStrict(cluster, w)).length;
    meshPass += strict;
    meshTotal += ws.length;
    namespaces[ns] = {
      stage: cluster.stageOfNamespace(ns),
      defaultDeny: dd,
      mtls: ratio(strict, ws.length),
      rbac: rbacScore(cluster, ns),
      violations: open.filter((f) => nsOfFinding(f) === ns).length,
    };
  }
  const byControl: Record<string, Record<Stage, number>> = {};
  for (const f of open) {
    const ns = nsOfFinding(f);
    const stage = ns ? cluster.stageOfNamespace(ns) : "enforce";
    byControl[f.control] ??= { observe: 0, audit: 0, enforce: 0 };
    (byControl[f.control] as Record<Stage, number>)[stage]++;
  }
  return {
    cluster: cluster.name,
    defaultDenyCoverage: ratio(ddPass, cluster.tenantNamespaces().length),
    mtlsCoverage: ratio(meshPass, meshTotal),
    rbacScore: rbacScore(cluster, undefined),
    violations: { total: open.length, byControl },
    enforcement: enforcement(cluster, options.now),
    namespaces,
  };
}

function ratio(passing: number, total: number): Ratio {
  return {
    passing,
    total,
    ratio: total === 0 ? 1 : Math.round((passing / total) * 10_000) / 10_000,
  };
}

/** ZT-M-002: meshed, and every port effectively STRICT (Istio) or authenticated inbound (Linkerd). */
function mtlsStrict(c: ClusterView, w: Workload): boolean {
  if (!isMeshed(c, w)) return false;
  if (isIstioMeshed(c, w)) return effectiveMtls(c, w).every((p) => p.mode === "STRICT");
  if (linkerdEnrolled(c, w.namespace) || w.annotations["linkerd.io/inject"] === "enabled") {
    const key = "config.linkerd.io/default-inbound-policy";
    const policy =
      w.annotations[key] ?? c.namespaceAnnotations(w.namespace)[key] ?? "all-unauthenticated";
    return GOOD_LINKERD.has(policy);
  }
  return false;
}

/**
 * ZT-M-003 over subject × rule tuples of the bindings (of one namespace, or all when `namespace` is
 * undefined). Risky tuples weigh 5 (wildcard, escalate/bind/impersonate, cluster-admin), 3 (secrets
 * read, exec/attach/port-forward, pod creation) or 1 (everyone-groups, cross-namespace grants);
 * others weigh 1 in the total only.
 */
function rbacScore(c: ClusterView, namespace: string | undefined): RbacScore {
  let risky = 0;
  let total = 0;
  for (const { object: b } of c.entries) {
    if (!isBinding(b)) continue;
    if (namespace !== undefined && b.metadata.namespace !== namespace) continue;
    const ref = roleRefOf(b);
    const role = resolveRole(c, b);
    const rules = role ? rulesOf(role) : [{}];
    for (const s of subjectsOf(b)) {
      const subjectRisk =
        (s.name.startsWith("system:") && s.kind !== "ServiceAccount") ||
        (s.kind === "ServiceAccount" &&
          !c.isSystem(s.namespace) &&
          (b.kind === "ClusterRoleBinding" || s.namespace !== b.metadata.namespace))
          ? 1
          : 0;
      for (const rule of rules) {
        const w = ref.name === "cluster-admin" ? 5 : Math.max(ruleWeight(rule), subjectRisk);
        risky += w;
        total += w === 0 ? 1 : w;
      }
    }
  }
  return {
    riskyWeight: risky,
    totalWeight: total,
    score: total === 0 ? 1 : Math.round((1 - risky / total) * 10_000) / 10_000,
  };
}

function ruleWeight(rule: Record<string, unknown>): number {
  if (hasWildcard(rule as never).length > 0) return 5;
  const rbac = "rbac.authorization.k8s.io";
  const g = (group: string, resource: string, verb: string) =>
    grants(rule as never, group, resource, verb);
  if (
    g(rbac, "roles", "escalate") ||
    g(rbac, "clusterroles", "escalate") ||
    g(rbac, "roles", "bind") ||
    g(rbac, "clusterroles", "bind") ||
    g("", "users", "impersonate") ||
    g("", "groups", "impersonate") ||
    g("", "serviceaccounts", "impersonate")
  )
    return 5;
  if (
    g("", "secrets", "list") ||
    g("", "secrets", "watch") ||
    (g("", "secrets", "get") && strs(rule.resourceNames).length === 0)
  )
    return 3;
  if (
    g("", "pods/exec", "create") ||
    g("", "pods/attach", "create") ||
    g("", "pods/portforward", "create") ||
    g("", "pods", "create")
  )
    return 3;
  return 0;
}

/** ZT-M-005: tagged controls with an enforce-stage enforcing policy, plus the open exceptions. */
function enforcement(c: ClusterView, now: Date): ClusterMeasures["enforcement"] {
  const all = c.objects;
  const controls = new Set<string>();
  const enforcing = new Set<string>();
  const exceptions: OpenException[] = [];
  for (const o of all) {
    if (isAdmissionPolicy(o)) {
      const tags = taggedControls(o);
      for (const t of tags) controls.add(t);
      if (c.stageOf(o) === "enforce" && isEnforcing(o, all)) for (const t of tags) enforcing.add(t);
    }
    const meta = readException(o.metadata.annotations);
    if (meta && exceptionProblems(meta, now).length === 0) {
      exceptions.push({
        apiVersion: o.apiVersion,
        kind: o.kind,
        namespace: o.metadata.namespace ?? "",
        name: o.metadata.name ?? "",
        controls: meta.controls,
        owner: meta.owner,
        ticket: meta.ticket,
        expires: meta.expires,
        daysToExpiry: daysToExpiry(meta, now),
      });
    }
  }
  exceptions.sort(
    (a, b) =>
      a.daysToExpiry - b.daysToExpiry ||
      `${a.kind}/${a.namespace}/${a.name}`.localeCompare(`${b.kind}/${b.namespace}/${b.name}`),
  );
  return {
    ...ratio(enforcing.size, controls.size),
    controls: [...controls].sort(),
    enforcing: [...enforcing].sort(),
    exceptions,
  };
}
