import type { JsonObject, JsonValue } from "@fleet-baseline/model";
import { isEmpty } from "./json.ts";
import { child, items, objects } from "./kinds/defaulting.ts";
import { effectiveTypes } from "./kinds/network-policy.ts";
import type { NormalizedObject } from "./normalize.ts";
import type { ChangeType } from "./types.ts";

/** What a change touches, for mapping it onto catalog controls (controls.md). */
export interface WeakenInput {
  type: ChangeType;
  desired?: NormalizedObject | undefined;
  live?: NormalizedObject | undefined;
  /** Path tokens of a `changed` field; empty for a whole object. */
  tokens: readonly string[];
}

/** Namespace labels and annotations that implement a control. */
const NAMESPACE_KEYS: Record<string, string> = {
  "pod-security.kubernetes.io/enforce": "ZT-PSS-001",
  "pod-security.kubernetes.io/enforce-version": "ZT-PSS-002",
  "pod-security.kubernetes.io/audit": "ZT-PSS-003",
  "pod-security.kubernetes.io/warn": "ZT-PSS-003",
  "istio-injection": "ZT-MESH-006",
  "istio.io/rev": "ZT-MESH-006",
  "istio.io/dataplane-mode": "ZT-MESH-006",
  "linkerd.io/inject": "ZT-MESH-006",
  "config.linkerd.io/default-inbound-policy": "ZT-MESH-007",
  "fleet-baseline.io/owner": "ZT-ADM-007",
};

const EVERYONE_GROUPS = new Set([
  "system:authenticated",
  "system:unauthenticated",
  "system:anonymous",
  "system:serviceaccounts",
]);

/**
 * The catalog controls whose guarantee a change weakens: the control a field implements when it
 * differs, plus content checks on the live value (a wildcard verb, a cluster-admin binding). Sorted,
 * without duplicates.
 */
export function weakenedControls(input: WeakenInput): string[] {
  const object = input.desired ?? input.live;
  if (!object) return [];
  const out = new Set<string>();
  const add = (...ids: string[]) => {
    for (const id of ids) out.add(id);
  };
  const [top, field] = input.tokens;
  const inMetadata = top === "metadata";

  if (inMetadata && (field === "labels" || field === "annotations")) {
    const control = NAMESPACE_KEYS[input.tokens[2] ?? ""];
    if (control && (object.kind === "Namespace" || control === "ZT-ADM-007")) add(control);
    return [...out].sort();
  }

  switch (`${object.group}/${object.kind}`) {
    case "/Namespace":
      if (input.type !== "changed") {
        for (const key of [...Object.keys(object.labels), ...Object.keys(object.annotations)]) {
          const control = NAMESPACE_KEYS[key];
          if (control) add(control);
        }
      }
      break;
    case "networking.k8s.io/NetworkPolicy":
      networkPolicy(input, add);
      break;
    case "/ServiceAccount":
      if (input.type === "missing") add("ZT-ID-001");
      if (input.type !== "changed" || top === "automountServiceAccountToken") add("ZT-ID-002");
      break;
    case "/Service":
      if (top === "spec" && ["type", "externalIPs"].includes(field ?? "")) {
        add("ZT-NET-009");
      }
      if (input.type === "extra") add("ZT-NET-009");
      break;
    case "/ResourceQuota":
    case "/LimitRange":
      add("ZT-PSS-013");
      break;
    case "security.istio.io/PeerAuthentication": {
      const spec = child(object.body, "spec");
      const meshWide = object.namespace === "istio-system" && !child(spec, "selector");
      add(meshWide && input.type !== "extra" ? "ZT-MESH-001" : "ZT-MESH-002");
      break;
    }
    case "security.istio.io/AuthorizationPolicy":
      add(input.desired && isEmpty(input.desired.body.spec) ? "ZT-MESH-003" : "ZT-MESH-004");
      break;
    case "networking.istio.io/DestinationRule":
      add("ZT-MESH-005");
      break;
    case "kyverno.io/ClusterPolicy":
    case "kyverno.io/Policy":
      kyverno(input, add);
      break;
    case "kyverno.io/PolicyException":
      add("ZT-ADM-009");
      break;
    case "templates.gatekeeper.sh/ConstraintTemplate":
      add("ZT-ADM-002");
      break;
    case "projectcalico.org/GlobalNetworkPolicy":
    case "projectcalico.org/StagedGlobalNetworkPolicy":
    case "projectcalico.org/Tier":
    case "cilium.io/CiliumClusterwideNetworkPolicy":
      add("ZT-NET-008");
      if (input.type !== "missing" && ["ingress", "egress"].includes(input.tokens[1] ?? "")) {
        add("ZT-NET-004");
      }
      break;
    case "projectcalico.org/NetworkPolicy":
    case "cilium.io/CiliumNetworkPolicy":
      add("ZT-NET-004");
      break;
    case "cert-manager.io/Certificate":
      if (input.type !== "changed" || field === "issuerRef") add("ZT-CERT-001");
      if (
        input.type !== "changed" ||
        ["duration", "renewBefore", "renewBeforePercentage", "privateKey"].includes(field ?? "")
      ) {
        add("ZT-CERT-002");
      }
      break;
    case "cert-manager.io/Issuer":
    case "cert-manager.io/ClusterIssuer":
      add("ZT-CERT-001");
      break;
    case "admissionregistration.k8s.io/ValidatingWebhookConfiguration":
    case "admissionregistration.k8s.io/MutatingWebhookConfiguration":
      add("ZT-ADM-003");
      break;
    case "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding":
    case "policies.kyverno.io/ValidatingPolicy":
      add(top === "spec" && field === "failurePolicy" ? "ZT-ADM-003" : "ZT-ADM-001");
      break;
    case "policies.kyverno.io/ImageValidatingPolicy":
      add("ZT-ADM-006");
      break;
  }
  if (WORKLOAD_GROUPS.has(object.group) || (object.group === "" && object.kind === "Pod")) {
    workload(input, add);
  }
  if (object.group === "policy.linkerd.io") add("ZT-MESH-008");
  if (object.group === "constraints.gatekeeper.sh") {
    add(field === "match" ? "ZT-ADM-008" : "ZT-ADM-002");
  }
  if (object.group === "rbac.authorization.k8s.io") rbac(input, add);
  return [...out].sort();
}

type Add = (...ids: string[]) => void;

const WORKLOAD_GROUPS = new Set(["apps", "batch"]);

/** Pod-spec fields (at any depth of a changed path) and the controls they implement. */
const POD_FIELDS: Record<string, string[]> = {
  privileged: ["ZT-PSS-004"],
  hostNetwork: ["ZT-PSS-005"],
  hostPID: ["ZT-PSS-005"],
  hostIPC: ["ZT-PSS-005"],
  hostPort: ["ZT-PSS-005"],
  hostPath: ["ZT-PSS-006"],
  volumes: ["ZT-PSS-006"],
  capabilities: ["ZT-PSS-007"],
  allowPrivilegeEscalation: ["ZT-PSS-008"],
  runAsNonRoot: ["ZT-PSS-009"],
  runAsUser: ["ZT-PSS-009"],
  seccompProfile: ["ZT-PSS-010"],
  procMount: ["ZT-PSS-011"],
  appArmorProfile: ["ZT-PSS-011"],
  seLinuxOptions: ["ZT-PSS-011"],
  sysctls: ["ZT-PSS-011"],
  readOnlyRootFilesystem: ["ZT-PSS-012"],
  resources: ["ZT-PSS-013"],
  secretKeyRef: ["ZT-PSS-014"],
  serviceAccountName: ["ZT-ID-001"],
  automountServiceAccountToken: ["ZT-ID-002"],
  image: ["ZT-ADM-004", "ZT-ADM-005"],
};

function workload(input: WeakenInput, add: Add): void {
  if (input.type !== "changed") return;
  for (const token of input.tokens) {
    const ids = POD_FIELDS[token];
    if (ids) add(...ids);
  }
  // A whole container list that differs may hide any of the above.
  const last = input.tokens[input.tokens.length - 1];
  if (last === "containers" || last === "initContainers" || last === "securityContext") {
    add("ZT-PSS-004", "ZT-PSS-007", "ZT-PSS-008", "ZT-PSS-009", "ZT-PSS-010");
  }
}

function networkPolicy(input: WeakenInput, add: Add): void {
  if (input.type === "extra") {
    const spec = child(input.live?.body, "spec");
    if (items(spec, "ingress").length || items(spec, "egress").length) add("ZT-NET-004");
    return;
  }
  const types = input.desired ? effectiveTypes(input.desired.body) : [];
  const ingress = types.includes("Ingress");
  const egress = types.includes("Egress");
  if (input.type === "missing") {
    if (ingress) add("ZT-NET-001");
    if (egress) add("ZT-NET-002");
    return;
  }
  const [, field] = input.tokens;
  const liveTypes = input.live ? effectiveTypes(input.live.body) : [];
  if (field === "ingress") add(...(ingress ? ["ZT-NET-001"] : []), "ZT-NET-004");
  if (field === "egress") add(...(egress ? ["ZT-NET-002"] : []), "ZT-NET-004");
  if (field === "policyTypes") {
    if (ingress && !liveTypes.includes("Ingress")) add("ZT-NET-001");
    if (egress && !liveTypes.includes("Egress")) add("ZT-NET-002");
  }
  if (field === "podSelector") {
    if (ingress) add("ZT-NET-001");
    if (egress) add("ZT-NET-002");
  }
}

function kyverno(input: WeakenInput, add: Add): void {
  if (input.type !== "changed") {
    add("ZT-ADM-001");
    return;
  }
  const [, field] = input.tokens;
  const path = input.tokens.join("/");
  if (field === "failurePolicy" || field === "webhookConfiguration") add("ZT-ADM-003");
  else if (/\/(match|exclude)(\/|$)/.test(path)) add("ZT-ADM-008");
  else add("ZT-ADM-001");
}

function rbac(input: WeakenInput, add: Add): void {
  add("ZT-RBAC-010");
  const live = input.live;
  if (!live || input.type === "missing") return;
  if (live.kind === "Role" || live.kind === "ClusterRole") {
    for (const rule of objects(items(live.body, "rules"))) ruleControls(rule, add);
    return;
  }
  const roleRef = child(live.body, "roleRef");
  if (roleRef?.name === "cluster-admin") add("ZT-RBAC-003");
  for (const subject of objects(items(live.body, "subjects"))) {
    const name = typeof subject.name === "string" ? subject.name : "";
    if (
      subject.kind === "Group" &&
      (EVERYONE_GROUPS.has(name) || name.startsWith("system:serviceaccounts:"))
    ) {
      add("ZT-RBAC-004");
    }
    if (subject.kind === "Group" && name === "system:masters") add("ZT-RBAC-003");
    if (subject.kind === "ServiceAccount" && live.kind === "ClusterRoleBinding") add("ZT-RBAC-008");
  }
}

function ruleControls(rule: JsonObject, add: Add): void {
  const strings = (key: string): string[] =>
    items(rule, key).filter((v: JsonValue): v is string => typeof v === "string");
  const verbs = strings("verbs");
  const resources = strings("resources");
  if (
    [...verbs, ...resources, ...strings("apiGroups"), ...strings("nonResourceURLs")].includes("*")
  ) {
    add("ZT-RBAC-001");
  }
  if (verbs.some((v) => ["escalate", "bind", "impersonate"].includes(v))) add("ZT-RBAC-002");
  if (resources.includes("secrets") && verbs.some((v) => ["list", "watch", "*"].includes(v))) {
    add("ZT-RBAC-005");
  }
  if (resources.some((r) => ["pods/exec", "pods/attach", "pods/portforward"].includes(r))) {
    add("ZT-RBAC-006");
  }
}
