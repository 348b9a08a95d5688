import { groupOf, type KubeObject } from "@fleet-baseline/model";
import type { ClusterView } from "./_cluster.ts";
import type { Workload } from "./_pods.ts";
import { isEmptySelector, matchesSelector } from "./_selectors.ts";
import { obj, objs } from "./_util.ts";

export function usesIstio(c: ClusterView): boolean {
  return c.memo(
    "usesIstio",
    () =>
      c.objects.some((o) => groupOf(o.apiVersion).endsWith("istio.io")) ||
      c.namespaces().some((ns) => istioEnrolled(c, ns)),
  );
}

export function usesLinkerd(c: ClusterView): boolean {
  return c.memo(
    "usesLinkerd",
    () =>
      c.objects.some((o) => groupOf(o.apiVersion) === "policy.linkerd.io") ||
      c.namespaces().some((ns) => linkerdEnrolled(c, ns)),
  );
}

export function istioEnrolled(c: ClusterView, ns: string): boolean {
  const l = c.namespaceLabels(ns);
  return (
    l["istio-injection"] === "enabled" ||
    l["istio.io/rev"] !== undefined ||
    l["istio.io/dataplane-mode"] === "ambient"
  );
}

export function linkerdEnrolled(c: ClusterView, ns: string): boolean {
  return c.namespaceAnnotations(ns)["linkerd.io/inject"] === "enabled";
}

/** Why a pod template opts out of its namespace's mesh, or undefined. */
export function optOut(w: Workload): string | undefined {
  if (
    w.labels["sidecar.istio.io/inject"] === "false" ||
    w.annotations["sidecar.istio.io/inject"] === "false"
  )
    return 'sidecar.istio.io/inject: "false"';
  if (w.labels["istio.io/dataplane-mode"] === "none") return "istio.io/dataplane-mode: none";
  if (w.annotations["linkerd.io/inject"] === "disabled") return "linkerd.io/inject: disabled";
  return undefined;
}

/** A workload with a mesh proxy (or ambient enrollment): enrolled namespace or pod opt-in, and no opt-out. */
export function isMeshed(c: ClusterView, w: Workload): boolean {
  if (optOut(w)) return false;
  return (
    istioEnrolled(c, w.namespace) ||
    linkerdEnrolled(c, w.namespace) ||
    w.labels["sidecar.istio.io/inject"] === "true" ||
    w.annotations["linkerd.io/inject"] === "enabled"
  );
}

export function isIstioMeshed(c: ClusterView, w: Workload): boolean {
  return (
    !optOut(w) && (istioEnrolled(c, w.namespace) || w.labels["sidecar.istio.io/inject"] === "true")
  );
}

function isPeerAuthentication(o: KubeObject): boolean {
  return o.kind === "PeerAuthentication" && groupOf(o.apiVersion) === "security.istio.io";
}

/** `mtls.mode` of a PeerAuthentication, undefined when absent or UNSET (= inherit). */
function modeOf(spec: unknown): string | undefined {
  const m = obj(obj(spec).mtls).mode;
  return typeof m === "string" && m !== "UNSET" ? m : undefined;
}

export interface PortMode {
  port: string;
  mode: string;
  /** The PeerAuthentication that decides it, undefined for Istio's default (PERMISSIVE). */
  from: KubeObject | undefined;
}

/**
 * Effective Istio mTLS per port of a workload (controls.md §2 rule 11): workload (selector) policy >
 * namespace policy > mesh policy in the root namespace; UNSET inherits; `portLevelMtls` (only on
 * selector policies) overrides the workload mode for that port. Without any policy Istio is PERMISSIVE.
 */
export function effectiveMtls(c: ClusterView, w: Workload): PortMode[] {
  const cache = c.memo("effectiveMtls", () => new Map<Workload, PortMode[]>());
  let modes = cache.get(w);
  if (!modes) {
    modes = computeMtls(c, w);
    cache.set(w, modes);
  }
  return modes;
}

function computeMtls(c: ClusterView, w: Workload): PortMode[] {
  const root = c.fleet.istioRootNamespace;
  const pas = c.entries
    .map((e) => e.object)
    .filter(isPeerAuthentication)
    .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  const hasSelector = (pa: KubeObject) => !isEmptySelector(obj(obj(pa.spec).selector));
  const mesh = pas.find((p) => p.metadata.namespace === root && !hasSelector(p));
  const nsPa = pas.find((p) => p.metadata.namespace === w.namespace && !hasSelector(p));
  const wlPa = pas.find(
    (p) =>
      p.metadata.namespace === w.namespace &&
      hasSelector(p) &&
      matchesSelector(obj(obj(p.spec).selector), w.labels),
  );
  let mode = "PERMISSIVE";
  let from: KubeObject | undefined;
  for (const pa of [mesh, nsPa, wlPa]) {
    const m = pa ? modeOf(pa.spec) : undefined;
    if (pa && m) {
      mode = m;
      from = pa;
    }
  }
  const ports = new Set<string>();
  for (const list of ["containers", "initContainers"]) {
    for (const ctr of objs(w.spec[list]))
      for (const p of objs(ctr.ports))
        if (p.containerPort !== undefined) ports.add(String(p.containerPort));
  }
  const portLevel = obj(obj(wlPa?.spec).portLevelMtls);
  for (const k of Object.keys(portLevel)) ports.add(k);
  if (ports.size === 0) return [{ port: "*", mode, from }];
  return [...ports].sort().map((port) => {
    const pm = modeOf({ mtls: obj(portLevel[port]) });
    return pm ? { port, mode: pm, from: wlPa } : { port, mode, from };
  });
}
