import type { JsonObject, JsonValue } from "@fleet-baseline/model";
import { isEmpty } from "../json.ts";
import { child, items, objects, setDefault } from "./defaulting.ts";
import type { KindProfile } from "./profile.ts";

const POLICY_KINDS = [
  "NetworkPolicy",
  "GlobalNetworkPolicy",
  "StagedNetworkPolicy",
  "StagedGlobalNetworkPolicy",
];
const SET_LISTS = ["spec/types", "**/nets", "**/notNets", "**/ports", "**/notPorts"];

/**
 * Calico `projectcalico.org/v3` (projectcalico/api `numorstring/port.go`, `policy_common.go`):
 * `types` always returned (from the rules), `tier: default` equals absent, digit-string ports
 * read back as numbers, unset rule `source`/`destination` read back as `{}`. Rules are ordered
 * (first match wins); nets and ports are sets.
 */
export const calicoProfile: KindProfile = {
  group: "projectcalico.org",
  kinds: [...POLICY_KINDS, "GlobalNetworkSet", "NetworkSet", "Tier"],
  clusterScoped: ["GlobalNetworkPolicy", "StagedGlobalNetworkPolicy", "GlobalNetworkSet", "Tier"],
  normalize: (kind, body) => {
    if (!POLICY_KINDS.includes(kind)) return;
    normalizePolicy(body);
    // Staged policies default their action to Set (unverified in source).
    if (kind.startsWith("Staged")) setDefault(child(body, "spec"), "stagedAction", "Set");
  },
  setLists: Object.fromEntries(POLICY_KINDS.map((k) => [k, SET_LISTS])),
  canonicalName: (kind, name, body) => {
    if (!POLICY_KINDS.includes(kind)) return name;
    const tier = child(body, "spec")?.tier;
    const inDefaultTier = tier === undefined || tier === null || tier === "" || tier === "default";
    return inDefaultTier && name.startsWith("default.") ? name.slice("default.".length) : name;
  },
};

function normalizePolicy(body: JsonObject): void {
  const spec = child(body, "spec") ?? {};
  body.spec = spec;
  if (spec.tier === "default") delete spec.tier;
  const ingress = items(spec, "ingress");
  const egress = items(spec, "egress");
  if (isEmpty(spec.types)) {
    spec.types =
      egress.length > 0 && ingress.length > 0
        ? ["Ingress", "Egress"]
        : egress.length > 0
          ? ["Egress"]
          : ["Ingress"];
  }
  for (const rule of objects([...ingress, ...egress])) {
    for (const side of ["source", "destination"]) {
      const entity = child(rule, side);
      if (!entity) continue;
      for (const field of ["ports", "notPorts"]) {
        if (Array.isArray(entity[field])) entity[field] = entity[field].map(portValue);
      }
    }
  }
}

/** numorstring.Port: `"443"` is 443; ranges (`"9000:9100"`) and names stay strings. */
function portValue(port: JsonValue): JsonValue {
  return typeof port === "string" && /^\d+$/.test(port) ? Number(port) : port;
}
