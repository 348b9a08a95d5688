import type { FieldSpec } from "./fieldspec.ts";
import type { GvkSelector } from "./resid.ts";

/**
 * Kustomize v5.5.0's default transformer configuration (`builtinpluginconsts`), as data.
 * Notation: `"group/version/Kind path"`, empty parts match all; a trailing ` +` means create.
 */
function specs(lines: string): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const raw of lines.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const [sel = "", path = "", flag] = line.split(" ");
    out.push({ ...selector(sel), path, create: flag === "+" });
  }
  return out;
}

function selector(sel: string): GvkSelector {
  const [group = "", version = "", kind = ""] = sel.split("/");
  return { group, version, kind };
}

const TEMPLATE_KINDS = `
/v1/ReplicationController spec/template/metadata/labels +
//Deployment spec/template/metadata/labels +
//ReplicaSet spec/template/metadata/labels +
//DaemonSet spec/template/metadata/labels +
apps//StatefulSet spec/template/metadata/labels +
apps//StatefulSet spec/volumeClaimTemplates[]/metadata/labels +
batch//Job spec/template/metadata/labels +
batch//CronJob spec/jobTemplate/metadata/labels +
batch//CronJob spec/jobTemplate/spec/template/metadata/labels +
`;

const METADATA_LABELS = `// metadata/labels +\n${TEMPLATE_KINDS}`;

function affinity(kind: string): string {
  const base = "spec/template/spec/affinity";
  return [
    `${base}/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
    `${base}/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
    `${base}/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
    `${base}/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
    "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
  ]
    .map((p) => `apps//${kind} ${p}`)
    .join("\n");
}

export const COMMON_LABELS: FieldSpec[] = specs(`
/v1/Service spec/selector +
/v1/ReplicationController spec/selector +
//Deployment spec/selector/matchLabels +
${affinity("Deployment")}
//ReplicaSet spec/selector/matchLabels +
//DaemonSet spec/selector/matchLabels +
apps//StatefulSet spec/selector/matchLabels +
${affinity("StatefulSet")}
batch//Job spec/selector/matchLabels
batch//CronJob spec/jobTemplate/spec/selector/matchLabels
policy//PodDisruptionBudget spec/selector/matchLabels
networking.k8s.io//NetworkPolicy spec/podSelector/matchLabels
networking.k8s.io//NetworkPolicy spec/ingress/from/podSelector/matchLabels
networking.k8s.io//NetworkPolicy spec/egress/to/podSelector/matchLabels
${METADATA_LABELS}
`);

export const TEMPLATE_LABELS: FieldSpec[] = specs(METADATA_LABELS);

export const COMMON_ANNOTATIONS: FieldSpec[] = specs(`
// metadata/annotations +
/v1/ReplicationController spec/template/metadata/annotations +
//Deployment spec/template/metadata/annotations +
//ReplicaSet spec/template/metadata/annotations +
//DaemonSet spec/template/metadata/annotations +
//StatefulSet spec/template/metadata/annotations +
batch//Job spec/template/metadata/annotations +
batch//CronJob spec/jobTemplate/metadata/annotations +
batch//CronJob spec/jobTemplate/spec/template/metadata/annotations +
`);

export const NAME_PREFIX: FieldSpec[] = specs("// metadata/name");
export const NAME_SUFFIX: FieldSpec[] = specs("// metadata/name");

export const NAMESPACE: FieldSpec[] = specs(`
//Namespace metadata/name +
apiregistration.k8s.io//APIService spec/service/namespace +
apiextensions.k8s.io//CustomResourceDefinition spec/conversion/webhook/clientConfig/service/namespace
`);

export const IMAGES: FieldSpec[] = specs(`
// spec/containers[]/image +
// spec/initContainers[]/image +
// spec/template/spec/containers[]/image +
// spec/template/spec/initContainers[]/image +
`);

export const REPLICAS: FieldSpec[] = specs(`
//Deployment spec/replicas +
//ReplicationController spec/replicas +
//ReplicaSet spec/replicas +
//StatefulSet spec/replicas +
`);

/** A referral kind and the fields of other objects that hold its name. */
export interface NameBackReference {
  readonly gvk: GvkSelector;
  readonly referrers: FieldSpec[];
}

const POD_LIKE: Array<[string, string]> = [
  ["/v1/Pod", "spec"],
  ["//PodTemplate", "template/spec"],
  ["//Deployment", "spec/template/spec"],
  ["//ReplicaSet", "spec/template/spec"],
  ["//DaemonSet", "spec/template/spec"],
  ["//StatefulSet", "spec/template/spec"],
  ["//Job", "spec/template/spec"],
  ["//CronJob", "spec/jobTemplate/spec/template/spec"],
];

function podFields(fields: string[], kinds = POD_LIKE): string {
  const out: string[] = [];
  for (const [sel, base] of kinds) for (const f of fields) out.push(`${sel} ${base}/${f}`);
  return out.join("\n");
}

const CONFIG_MAP_POD_FIELDS = [
  "volumes/configMap/name",
  "containers/env/valueFrom/configMapKeyRef/name",
  "initContainers/env/valueFrom/configMapKeyRef/name",
  "containers/envFrom/configMapRef/name",
  "initContainers/envFrom/configMapRef/name",
  "volumes/projected/sources/configMap/name",
];

const SECRET_POD_FIELDS = [
  "volumes/secret/secretName",
  "containers/env/valueFrom/secretKeyRef/name",
  "initContainers/env/valueFrom/secretKeyRef/name",
  "containers/envFrom/secretRef/name",
  "initContainers/envFrom/secretRef/name",
  "imagePullSecrets/name",
  "volumes/projected/sources/secret/name",
];

function workloads(field: string, kinds: string[]): string {
  return kinds
    .map((k) => {
      const base = k === "CronJob" ? "spec/jobTemplate/spec/template/spec" : "spec/template/spec";
      return `//${k} ${base}/${field}`;
    })
    .join("\n");
}

const SA_KINDS = [
  "StatefulSet",
  "Deployment",
  "ReplicationController",
  "CronJob",
  "Job",
  "DaemonSet",
];

export const NAME_REFERENCE: NameBackReference[] = [
  ...["Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"].map((kind) => ({
    gvk: { kind },
    referrers: specs("//HorizontalPodAutoscaler spec/scaleTargetRef/name"),
  })),
  {
    gvk: { version: "v1", kind: "ConfigMap" },
    referrers: specs(`
${podFields(CONFIG_MAP_POD_FIELDS)}
//Node spec/configSource/configMap
//Role rules/resourceNames
//ClusterRole rules/resourceNames
//Ingress metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap
`),
  },
  {
    gvk: { version: "v1", kind: "Secret" },
    referrers: specs(`
${podFields(SECRET_POD_FIELDS, POD_LIKE.slice(0, 7))}
${podFields(SECRET_POD_FIELDS, POD_LIKE.slice(7))}
//Ingress spec/tls/secretName
//Ingress metadata/annotations/ingress.kubernetes.io\\/auth-secret
//Ingress metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret
//Ingress metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret
//Ingress spec/tls/secretName
//ServiceAccount imagePullSecrets/name
//StorageClass parameters/secretName
//StorageClass parameters/adminSecretName
//StorageClass parameters/userSecretName
//StorageClass parameters/secretRef
//Role rules/resourceNames
//ClusterRole rules/resourceNames
serving.knative.dev/v1/Service spec/template/spec/containers/env/valueFrom/secretKeyRef/name
//PersistentVolume spec/azureFile/secretName
`),
  },
  {
    gvk: { version: "v1", kind: "Service" },
    referrers: specs(`
apps//StatefulSet spec/serviceName
//Ingress spec/rules/http/paths/backend/serviceName
//Ingress spec/backend/serviceName
//Ingress spec/rules/http/paths/backend/service/name
//Ingress spec/defaultBackend/service/name
apiregistration.k8s.io//APIService spec/service/name
admissionregistration.k8s.io//ValidatingWebhookConfiguration webhooks/clientConfig/service
admissionregistration.k8s.io//MutatingWebhookConfiguration webhooks/clientConfig/service
`),
  },
  {
    gvk: { group: "rbac.authorization.k8s.io", kind: "Role" },
    referrers: specs("rbac.authorization.k8s.io//RoleBinding roleRef/name"),
  },
  {
    gvk: { group: "rbac.authorization.k8s.io", kind: "ClusterRole" },
    referrers: specs(`
rbac.authorization.k8s.io//RoleBinding roleRef/name
rbac.authorization.k8s.io//ClusterRoleBinding roleRef/name
`),
  },
  {
    gvk: { version: "v1", kind: "ServiceAccount" },
    referrers: specs(`
rbac.authorization.k8s.io//RoleBinding subjects
rbac.authorization.k8s.io//ClusterRoleBinding subjects
//Pod spec/serviceAccountName
${workloads("serviceAccountName", SA_KINDS)}
`),
  },
  {
    gvk: { version: "v1", kind: "PersistentVolumeClaim" },
    referrers: specs(`
//Pod spec/volumes/persistentVolumeClaim/claimName
${workloads("volumes/persistentVolumeClaim/claimName", SA_KINDS)}
`),
  },
  {
    gvk: { version: "v1", kind: "PersistentVolume" },
    referrers: specs(`
//PersistentVolumeClaim spec/volumeName
//ClusterRole rules/resourceNames
`),
  },
  {
    gvk: { group: "storage.k8s.io", version: "v1", kind: "StorageClass" },
    referrers: specs(`
//PersistentVolume spec/storageClassName
//PersistentVolumeClaim spec/storageClassName
//StatefulSet spec/volumeClaimTemplates/spec/storageClassName
`),
  },
  {
    gvk: { group: "scheduling.k8s.io", version: "v1", kind: "PriorityClass" },
    referrers: specs(`
//Pod spec/priorityClassName
${workloads("priorityClassName", SA_KINDS)}
`),
  },
  {
    // Kustomize's config spells the group "networking.k8s.io/v1", so this never matches.
    gvk: { group: "networking.k8s.io/v1", version: "v1", kind: "IngressClass" },
    referrers: specs("//Ingress spec/ingressClassName"),
  },
  {
    gvk: { group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicy" },
    referrers: specs(
      "admissionregistration.k8s.io//ValidatingAdmissionPolicyBinding spec/policyName",
    ),
  },
];
