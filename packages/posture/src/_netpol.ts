import { groupOf, type JsonObject, type KubeObject } from "@fleet-baseline/model";
import type { ClusterView } from "./_cluster.ts";
import {
  isEmptySelector,
  matchesCalicoSelector,
  matchesSelector,
  selectorOnlyUses,
} from "./_selectors.ts";
import { obj, objs, str, strs } from "./_util.ts";

export type Direction = "ingress" | "egress";
export const DIRECTIONS: Direction[] = ["ingress", "egress"];
const TYPE_NAME: Record<Direction, string> = { ingress: "Ingress", egress: "Egress" };

export function isNetworkPolicy(o: KubeObject): boolean {
  return o.kind === "NetworkPolicy" && groupOf(o.apiVersion) === "networking.k8s.io";
}

/**
 * The effective `policyTypes` of a NetworkPolicy (controls.md §2 rule 1): as written when non-empty,
 * else Ingress plus Egress only when `spec.egress` has at least one element.
 */
export function effectiveTypes(np: KubeObject): Set<Direction> {
  const spec = obj(np.spec);
  const written = strs(spec.policyTypes);
  if (written.length > 0) {
    return new Set(DIRECTIONS.filter((d) => written.includes(TYPE_NAME[d])));
  }
  const out = new Set<Direction>(["ingress"]);
  if (objs(spec.egress).length > 0 || (Array.isArray(spec.egress) && spec.egress.length > 0)) {
    out.add("egress");
  }
  return out;
}

/** The rules of one direction (`spec.ingress` / `spec.egress`). */
export function npRules(np: KubeObject, dir: Direction): JsonObject[] {
  const raw = obj(np.spec)[dir];
  // A `null` or `{}` rule element is a rule that allows everything: keep it as `{}`.
  return Array.isArray(raw) ? raw.map((r) => obj(r)) : [];
}

/** The peers of a rule (`from` for ingress, `to` for egress); undefined when absent or empty. */
export function npPeers(rule: JsonObject, dir: Direction): JsonObject[] | undefined {
  const peers = rule[dir === "ingress" ? "from" : "to"];
  return Array.isArray(peers) && peers.length > 0 ? peers.map((p) => obj(p)) : undefined;
}

export function selectsAllPods(np: KubeObject): boolean {
  return isEmptySelector(obj(np.spec).podSelector);
}

/** A NetworkPolicy that puts every pod of its namespace in default-deny for `dir`. */
export function isNpDefaultDeny(np: KubeObject, dir: Direction): boolean {
  if (!isNetworkPolicy(np) || !selectsAllPods(np) || !effectiveTypes(np).has(dir)) return false;
  // Ingress default-deny must carry no allow rule (ZT-NET-001); egress may keep narrow allows.
  return dir === "egress" || npRules(np, dir).length === 0;
}

/** The rules of a Cilium (clusterwide) network policy: `spec` and every element of `specs`. */
export function ciliumRules(o: KubeObject): JsonObject[] {
  const out: JsonObject[] = [];
  if (o.spec !== undefined) out.push(obj(o.spec));
  out.push(...objs(o.specs));
  return out;
}

export function isCilium(
  o: KubeObject,
  kind: "CiliumNetworkPolicy" | "CiliumClusterwideNetworkPolicy",
): boolean {
  return o.kind === kind && groupOf(o.apiVersion) === "cilium.io";
}

/**
 * Whether a Cilium rule puts its endpoints in default-deny for `dir`: `enableDefaultDeny` when set,
 * else "has rules in that direction" — an omitted or empty list does not apply.
 */
export function ciliumDenies(rule: JsonObject, dir: Direction): boolean {
  const explicit = obj(rule.enableDefaultDeny)[dir];
  if (typeof explicit === "boolean") return explicit;
  return objs(rule[dir]).length > 0 || objs(rule[`${dir}Deny`]).length > 0;
}

const CILIUM_NS_KEYS = ["io.kubernetes.pod.namespace", "k8s:io.kubernetes.pod.namespace"];

/** Whether a Cilium endpointSelector selects every pod of `namespace` (decidable from namespace labels). */
export function ciliumSelectsNamespace(
  selector: unknown,
  namespace: string,
  nsLabels: Record<string, string>,
): boolean {
  const labels: Record<string, string> = {};
  for (const k of CILIUM_NS_KEYS) labels[k] = namespace;
  for (const [k, v] of Object.entries(nsLabels)) {
    labels[`io.cilium.k8s.namespace.labels.${k}`] = v;
    labels[`k8s:io.cilium.k8s.namespace.labels.${k}`] = v;
  }
  if (!selectorOnlyUses(selector, Object.keys(labels))) return false;
  return matchesSelector(selector, labels);
}

/** Any Calico network policy (namespaced, global, staged). */
export function isCalicoPolicy(o: KubeObject): boolean {
  return groupOf(o.apiVersion) === "projectcalico.org" && o.kind.endsWith("NetworkPolicy");
}

/** Objects tenant-only network rules judge: cluster-scoped ones and those outside system namespaces. */
export function tenantPolicyObjects(cluster: ClusterView): KubeObject[] {
  return cluster.objects.filter((o) => {
    const ns = o.metadata.namespace ?? "";
    return !ns || !cluster.isSystem(ns);
  });
}

export function isCalicoGlobal(o: KubeObject): boolean {
  return (
    (o.kind === "GlobalNetworkPolicy" || o.kind === "StagedGlobalNetworkPolicy") &&
    groupOf(o.apiVersion) === "projectcalico.org"
  );
}

/** Whether a Calico GlobalNetworkPolicy selects every pod of `namespace` (provably). */
export function calicoSelectsNamespace(
  gnp: KubeObject,
  namespace: string,
  nsLabels: Record<string, string>,
): boolean {
  const spec = obj(gnp.spec);
  const nsSel = str(spec.namespaceSelector);
  if (nsSel !== undefined) {
    const r = matchesCalicoSelector(nsSel, { ...nsLabels, "projectcalico.org/name": namespace });
    if (r !== true) return false;
  }
  const sel = str(spec.selector);
  if (sel !== undefined) {
    const r = matchesCalicoSelector(sel, { "projectcalico.org/namespace": namespace });
    if (r !== true) return false;
  }
  return true;
}

/**
 * A namespaced Calico NetworkPolicy selecting every pod (`selector` absent or `all()`) with `types`
 * ∋ `dir`: unmatched traffic hits the end-of-tier deny. Ingress must carry no Allow rule.
 */
function isCalicoNamespaceDeny(o: KubeObject, dir: Direction): boolean {
  const spec = obj(o.spec);
  const sel = str(spec.selector);
  if (sel !== undefined && sel.trim() !== "" && sel.trim() !== "all()") return false;
  if (!calicoTypes(o).has(dir)) return false;
  return dir === "egress" || !objs(spec.ingress).some((r) => r.action === "Allow");
}

/** Calico `types` as written (Calico guidance: always write them). */
export function calicoTypes(o: KubeObject): Set<Direction> {
  const t = strs(obj(o.spec).types);
  return new Set(DIRECTIONS.filter((d) => t.includes(TYPE_NAME[d])));
}

/**
 * The object that puts every pod of `namespace` in default-deny for `dir`, if any: a namespace
 * NetworkPolicy, a namespace CiliumNetworkPolicy with an empty endpointSelector, or a cluster-wide
 * Calico/Cilium guardrail covering the namespace.
 */
export function defaultDenyFor(
  cluster: ClusterView,
  namespace: string,
  dir: Direction,
): KubeObject | undefined {
  for (const np of cluster.ofKind("NetworkPolicy")) {
    if (np.metadata.namespace === namespace && isNpDefaultDeny(np, dir)) return np;
  }
  for (const cal of cluster.ofKind("NetworkPolicy", "projectcalico.org")) {
    if (cal.metadata.namespace === namespace && isCalicoNamespaceDeny(cal, dir)) return cal;
  }
  for (const cnp of cluster.ofKind("CiliumNetworkPolicy", "cilium.io")) {
    if (cnp.metadata.namespace !== namespace) continue;
    if (ciliumRules(cnp).some((r) => isEmptySelector(r.endpointSelector) && ciliumDenies(r, dir))) {
      return cnp;
    }
  }
  return guardrailFor(cluster, namespace, dir);
}

/** A cluster-wide guardrail (Calico GNP or Cilium CCNP) that denies `dir` by default for `namespace`. */
export function guardrailFor(
  cluster: ClusterView,
  namespace: string,
  dir: Direction,
): KubeObject | undefined {
  const labels = cluster.namespaceLabels(namespace);
  for (const gnp of cluster.ofKind("GlobalNetworkPolicy", "projectcalico.org")) {
    if (calicoTypes(gnp).has(dir) && calicoSelectsNamespace(gnp, namespace, labels)) return gnp;
  }
  for (const ccnp of cluster.ofKind("CiliumClusterwideNetworkPolicy", "cilium.io")) {
    for (const rule of ciliumRules(ccnp)) {
      if (
        ciliumSelectsNamespace(rule.endpointSelector, namespace, labels) &&
        ciliumDenies(rule, dir)
      ) {
        return ccnp;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// CIDR arithmetic (IPv4 and IPv6) for ipBlock checks.

export const METADATA_ADDRESSES = ["169.254.169.254", "fd00:ec2::254"];

interface Cidr {
  v6: boolean;
  base: bigint;
  bits: number;
}

export function parseIp(text: string): { v6: boolean; value: bigint } | undefined {
  if (text.includes(":")) {
    const [head = "", tail] = text.split("::");
    if (text.split("::").length > 2) return undefined;
    const h = head ? head.split(":") : [];
    const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
    const missing = 8 - h.length - t.length;
    if (tail === undefined ? h.length !== 8 : missing < 0) return undefined;
    const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...t];
    let value = 0n;
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      value = (value << 16n) | BigInt(Number.parseInt(g, 16));
    }
    return { v6: true, value };
  }
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return { v6: false, value };
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr = "", bitsText] = text.trim().split("/");
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const max = ip.v6 ? 128 : 32;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return undefined;
  return { v6: ip.v6, base: ip.value, bits };
}

export function cidrContains(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  if (!c || !a || c.v6 !== a.v6) return false;
  const max = c.v6 ? 128 : 32;
  const shift = BigInt(max - c.bits);
  return c.base >> shift === a.value >> shift;
}

/** `0.0.0.0/0` or `::/0` (any spelling). */
export function isAnyCidr(cidr: string): boolean {
  const c = parseCidr(cidr);
  return c !== undefined && c.bits === 0;
}

/** Whether an ipBlock `{cidr, except}` admits `ip`. */
export function ipBlockAdmits(ipBlock: JsonObject, ip: string): boolean {
  const cidr = str(ipBlock.cidr);
  if (!cidr || !cidrContains(cidr, ip)) return false;
  return !strs(ipBlock.except).some((e) => cidrContains(e, ip));
}

/** The protocols with which a NetworkPolicy rule opens `port` (default protocol TCP). */
export function ruleOpensPort(rule: JsonObject, port: number): string[] {
  const out: string[] = [];
  for (const p of objs(rule.ports)) {
    const n = typeof p.port === "string" && /^\d+$/.test(p.port) ? Number(p.port) : p.port;
    const end = typeof p.endPort === "number" ? p.endPort : n;
    if (typeof n === "number" && typeof end === "number" && n <= port && port <= end) {
      out.push(str(p.protocol) ?? "TCP");
    }
  }
  return out;
}
