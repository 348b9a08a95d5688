import type { JsonObject } from "@fleet-baseline/model";
import { canonicalQuantity } from "../quantity.ts";
import { child, items, objects, setDefault } from "./defaulting.ts";
import type { KindProfile } from "./profile.ts";

/**
 * Core `v1` kinds (kubernetes `pkg/apis/core/v1/defaults.go`, `conversion.go`): Namespace `spec`
 * (finalizers) is server-owned, ServiceAccount `secrets` is filled by the token controller,
 * Secret `stringData` folds into `data` and `type` defaults to Opaque, quotas and limits are
 * quantities with LimitRange container defaults. Service: type, session affinity, traffic
 * policies, port protocol and targetPort; allocated addresses (`clusterIP(s)` other than None,
 * `ipFamilies`, `nodePort`s, `healthCheckNodePort`) are server-owned.
 */
export const coreProfile: KindProfile = {
  group: "",
  kinds: [
    "Namespace",
    "ServiceAccount",
    "Secret",
    "ConfigMap",
    "ResourceQuota",
    "LimitRange",
    "Service",
  ],
  clusterScoped: ["Namespace", "PersistentVolume", "Node"],
  normalize: (kind, body) => {
    switch (kind) {
      case "Namespace":
        delete body.spec;
        return;
      case "ServiceAccount":
        delete body.secrets;
        return;
      case "Secret":
        normalizeSecret(body);
        return;
      case "ConfigMap":
        canonicalBase64Values(child(body, "binaryData"));
        return;
      case "ResourceQuota":
        canonicalQuantities(child(child(body, "spec"), "hard"));
        return;
      case "LimitRange":
        normalizeLimitRange(body);
        return;
      case "Service":
        normalizeService(body);
        return;
    }
  },
  setLists: {
    ResourceQuota: ["spec/scopes", "spec/scopeSelector/matchExpressions", "**/values"],
  },
};

function normalizeSecret(body: JsonObject): void {
  const stringData = child(body, "stringData");
  if (stringData) {
    const data = child(body, "data") ?? {};
    for (const [key, value] of Object.entries(stringData)) {
      data[key] = utf8ToBase64(typeof value === "string" ? value : String(value));
    }
    body.data = data;
    delete body.stringData;
  }
  canonicalBase64Values(child(body, "data"));
  setDefault(body, "type", "Opaque");
}

/** Rewrites base64 values to their canonical encoding, so equal bytes give equal strings. */
function canonicalBase64Values(map: JsonObject | undefined): void {
  if (!map) return;
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== "string") continue;
    try {
      map[key] = btoa(atob(value.replace(/\s+/g, "")));
    } catch {
      // Not base64: leave it; the comparison then sees the raw text on both sides.
    }
  }
}

function utf8ToBase64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function canonicalQuantities(map: JsonObject | undefined): void {
  if (!map) return;
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== "string" && typeof value !== "number") continue;
    const canonical = canonicalQuantity(value);
    if (canonical !== undefined) map[key] = canonical;
  }
}

const LIMIT_FIELDS = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"];

function normalizeLimitRange(body: JsonObject): void {
  for (const limit of objects(items(child(body, "spec"), "limits"))) {
    for (const field of LIMIT_FIELDS) canonicalQuantities(child(limit, field));
    if (limit.type !== "Container") continue;
    // SetDefaults_LimitRangeItem: default takes max; defaultRequest takes default, then min.
    const max = child(limit, "max") ?? {};
    const min = child(limit, "min") ?? {};
    const defaults = { ...max, ...(child(limit, "default") ?? {}) };
    if (Object.keys(defaults).length > 0) limit.default = defaults;
    const requests = { ...min, ...defaults, ...(child(limit, "defaultRequest") ?? {}) };
    if (Object.keys(requests).length > 0) limit.defaultRequest = requests;
  }
}

function normalizeService(body: JsonObject): void {
  const spec = child(body, "spec") ?? {};
  body.spec = spec;
  setDefault(spec, "type", "ClusterIP");
  setDefault(spec, "sessionAffinity", "None");
  setDefault(spec, "ipFamilyPolicy", "SingleStack");
  setDefault(spec, "internalTrafficPolicy", "Cluster");
  if (spec.clusterIP !== "None") delete spec.clusterIP;
  const ips = items(spec, "clusterIPs");
  if (!(ips.length === 1 && ips[0] === "None")) delete spec.clusterIPs;
  delete spec.ipFamilies;
  delete spec.healthCheckNodePort;
  const external = spec.type === "NodePort" || spec.type === "LoadBalancer";
  if (external) setDefault(spec, "externalTrafficPolicy", "Cluster");
  if (spec.type === "LoadBalancer") setDefault(spec, "allocateLoadBalancerNodePorts", true);
  for (const port of objects(items(spec, "ports"))) {
    setDefault(port, "protocol", "TCP");
    if (port.port !== undefined) setDefault(port, "targetPort", port.port);
    delete port.nodePort;
  }
}
