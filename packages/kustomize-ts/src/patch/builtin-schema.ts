// Generated from the Kubernetes v1.21.2 OpenAPI document that kyaml v0.18.1 embeds: only the
// object types on a path to a list whose x-kubernetes-patch-strategy contains "merge" are kept.
// Field codes: "T:<type>" a nested object, "M:<merge keys>:<element type>" a merge-keyed list
// (list-map-keys win over the patch-merge-key, as in kyaml). Every other field has no strategy,
// so its lists are replaced whole, exactly as for a kind the schema does not know.

/** Object types by short definition name. */
export const BUILTIN_TYPES: Record<string, Record<string, string>> = {
  "admissionregistration.v1.MutatingWebhookConfiguration": {
    metadata: "T:meta.v1.ObjectMeta",
    webhooks: "M:name:",
  },
  "admissionregistration.v1.ValidatingWebhookConfiguration": {
    metadata: "T:meta.v1.ObjectMeta",
    webhooks: "M:name:",
  },
  "admissionregistration.v1beta1.MutatingWebhookConfiguration": {
    metadata: "T:meta.v1.ObjectMeta",
    webhooks: "M:name:",
  },
  "admissionregistration.v1beta1.ValidatingWebhookConfiguration": {
    metadata: "T:meta.v1.ObjectMeta",
    webhooks: "M:name:",
  },
  "apps.v1.ControllerRevision": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "apps.v1.DaemonSet": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:apps.v1.DaemonSetSpec",
    status: "T:apps.v1.DaemonSetStatus",
  },
  "apps.v1.DaemonSetSpec": {
    template: "T:core.v1.PodTemplateSpec",
  },
  "apps.v1.DaemonSetStatus": {
    conditions: "M:type:",
  },
  "apps.v1.Deployment": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:apps.v1.DeploymentSpec",
    status: "T:apps.v1.DeploymentStatus",
  },
  "apps.v1.DeploymentSpec": {
    template: "T:core.v1.PodTemplateSpec",
  },
  "apps.v1.DeploymentStatus": {
    conditions: "M:type:",
  },
  "apps.v1.ReplicaSet": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:apps.v1.ReplicaSetSpec",
    status: "T:apps.v1.ReplicaSetStatus",
  },
  "apps.v1.ReplicaSetSpec": {
    template: "T:core.v1.PodTemplateSpec",
  },
  "apps.v1.ReplicaSetStatus": {
    conditions: "M:type:",
  },
  "apps.v1.StatefulSet": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:apps.v1.StatefulSetSpec",
    status: "T:apps.v1.StatefulSetStatus",
  },
  "apps.v1.StatefulSetSpec": {
    template: "T:core.v1.PodTemplateSpec",
  },
  "apps.v1.StatefulSetStatus": {
    conditions: "M:type:",
  },
  "authentication.v1.TokenRequest": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authentication.v1.TokenReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authentication.v1beta1.TokenReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1.LocalSubjectAccessReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1.SelfSubjectAccessReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1.SelfSubjectRulesReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1.SubjectAccessReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1beta1.LocalSubjectAccessReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1beta1.SelfSubjectAccessReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1beta1.SelfSubjectRulesReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "authorization.v1beta1.SubjectAccessReview": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "autoscaling.v1.HorizontalPodAutoscaler": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "autoscaling.v1.Scale": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "autoscaling.v2beta1.HorizontalPodAutoscaler": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "autoscaling.v2beta2.HorizontalPodAutoscaler": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "batch.v1.CronJob": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:batch.v1.CronJobSpec",
  },
  "batch.v1.CronJobSpec": {
    jobTemplate: "T:batch.v1.JobTemplateSpec",
  },
  "batch.v1.Job": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:batch.v1.JobSpec",
    status: "T:batch.v1.JobStatus",
  },
  "batch.v1.JobSpec": {
    template: "T:core.v1.PodTemplateSpec",
  },
  "batch.v1.JobStatus": {
    conditions: "M:type:",
  },
  "batch.v1.JobTemplateSpec": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:batch.v1.JobSpec",
  },
  "batch.v1beta1.CronJob": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:batch.v1beta1.CronJobSpec",
  },
  "batch.v1beta1.CronJobSpec": {
    jobTemplate: "T:batch.v1beta1.JobTemplateSpec",
  },
  "batch.v1beta1.JobTemplateSpec": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:batch.v1.JobSpec",
  },
  "certificates.v1.CertificateSigningRequest": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "certificates.v1beta1.CertificateSigningRequest": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "coordination.v1.Lease": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "coordination.v1beta1.Lease": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.Binding": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.ComponentStatus": {
    conditions: "M:type:",
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.ConfigMap": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.Container": {
    env: "M:name:",
    ports: "M:containerPort,protocol:",
    volumeDevices: "M:devicePath:",
    volumeMounts: "M:mountPath:",
  },
  "core.v1.Endpoints": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.EphemeralContainer": {
    env: "M:name:",
    volumeDevices: "M:devicePath:",
    volumeMounts: "M:mountPath:",
  },
  "core.v1.EphemeralVolumeSource": {
    volumeClaimTemplate: "T:core.v1.PersistentVolumeClaimTemplate",
  },
  "core.v1.Event": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.LimitRange": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.Namespace": {
    metadata: "T:meta.v1.ObjectMeta",
    status: "T:core.v1.NamespaceStatus",
  },
  "core.v1.NamespaceStatus": {
    conditions: "M:type:",
  },
  "core.v1.Node": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:core.v1.NodeSpec",
    status: "T:core.v1.NodeStatus",
  },
  "core.v1.NodeSpec": {
    podCIDRs: "M::",
  },
  "core.v1.NodeStatus": {
    addresses: "M:type:",
    conditions: "M:type:",
  },
  "core.v1.PersistentVolume": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.PersistentVolumeClaim": {
    metadata: "T:meta.v1.ObjectMeta",
    status: "T:core.v1.PersistentVolumeClaimStatus",
  },
  "core.v1.PersistentVolumeClaimStatus": {
    conditions: "M:type:",
  },
  "core.v1.PersistentVolumeClaimTemplate": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.Pod": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:core.v1.PodSpec",
    status: "T:core.v1.PodStatus",
  },
  "core.v1.PodSpec": {
    containers: "M:name:core.v1.Container",
    ephemeralContainers: "M:name:core.v1.EphemeralContainer",
    hostAliases: "M:ip:",
    imagePullSecrets: "M:name:",
    initContainers: "M:name:core.v1.Container",
    topologySpreadConstraints: "M:topologyKey,whenUnsatisfiable:",
    volumes: "M:name:core.v1.Volume",
  },
  "core.v1.PodStatus": {
    conditions: "M:type:",
    podIPs: "M:ip:",
  },
  "core.v1.PodTemplate": {
    metadata: "T:meta.v1.ObjectMeta",
    template: "T:core.v1.PodTemplateSpec",
  },
  "core.v1.PodTemplateSpec": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:core.v1.PodSpec",
  },
  "core.v1.ReplicationController": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:core.v1.ReplicationControllerSpec",
    status: "T:core.v1.ReplicationControllerStatus",
  },
  "core.v1.ReplicationControllerSpec": {
    template: "T:core.v1.PodTemplateSpec",
  },
  "core.v1.ReplicationControllerStatus": {
    conditions: "M:type:",
  },
  "core.v1.ResourceQuota": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.Secret": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "core.v1.Service": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:core.v1.ServiceSpec",
    status: "T:core.v1.ServiceStatus",
  },
  "core.v1.ServiceAccount": {
    metadata: "T:meta.v1.ObjectMeta",
    secrets: "M:name:",
  },
  "core.v1.ServiceSpec": {
    ports: "M:port,protocol:",
  },
  "core.v1.ServiceStatus": {
    conditions: "M:type:",
  },
  "core.v1.Volume": {
    ephemeral: "T:core.v1.EphemeralVolumeSource",
  },
  "discovery.v1.EndpointSlice": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "discovery.v1beta1.EndpointSlice": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "events.v1.Event": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "events.v1beta1.Event": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "extensions.v1beta1.Ingress": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "flowcontrol.v1beta1.FlowSchema": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "flowcontrol.v1beta1.PriorityLevelConfiguration": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "networking.v1.Ingress": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "networking.v1.IngressClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "networking.v1.NetworkPolicy": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "networking.v1beta1.Ingress": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "networking.v1beta1.IngressClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "node.v1.RuntimeClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "node.v1beta1.RuntimeClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "policy.v1.PodDisruptionBudget": {
    metadata: "T:meta.v1.ObjectMeta",
    status: "T:policy.v1.PodDisruptionBudgetStatus",
  },
  "policy.v1.PodDisruptionBudgetStatus": {
    conditions: "M:type:",
  },
  "policy.v1beta1.Eviction": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "policy.v1beta1.PodDisruptionBudget": {
    metadata: "T:meta.v1.ObjectMeta",
    status: "T:policy.v1beta1.PodDisruptionBudgetStatus",
  },
  "policy.v1beta1.PodDisruptionBudgetStatus": {
    conditions: "M:type:",
  },
  "policy.v1beta1.PodSecurityPolicy": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1.ClusterRole": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1.ClusterRoleBinding": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1.Role": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1.RoleBinding": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1beta1.ClusterRole": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1beta1.ClusterRoleBinding": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1beta1.Role": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "rbac.v1beta1.RoleBinding": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "scheduling.v1.PriorityClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "scheduling.v1beta1.PriorityClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "storage.v1.CSIDriver": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "storage.v1.CSINode": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:storage.v1.CSINodeSpec",
  },
  "storage.v1.CSINodeSpec": {
    drivers: "M:name:",
  },
  "storage.v1.StorageClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "storage.v1.VolumeAttachment": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "storage.v1beta1.CSIDriver": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "storage.v1beta1.CSINode": {
    metadata: "T:meta.v1.ObjectMeta",
    spec: "T:storage.v1beta1.CSINodeSpec",
  },
  "storage.v1beta1.CSINodeSpec": {
    drivers: "M:name:",
  },
  "storage.v1beta1.CSIStorageCapacity": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "storage.v1beta1.StorageClass": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "storage.v1beta1.VolumeAttachment": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "apiextensions.v1.CustomResourceDefinition": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "apiextensions.v1beta1.CustomResourceDefinition": {
    metadata: "T:meta.v1.ObjectMeta",
  },
  "meta.v1.ObjectMeta": {
    finalizers: "M::",
    ownerReferences: "M:uid:",
  },
  "apiregistration.v1.APIService": {
    metadata: "T:meta.v1.ObjectMeta",
    status: "T:apiregistration.v1.APIServiceStatus",
  },
  "apiregistration.v1.APIServiceStatus": {
    conditions: "M:type:",
  },
  "apiregistration.v1beta1.APIService": {
    metadata: "T:meta.v1.ObjectMeta",
    status: "T:apiregistration.v1beta1.APIServiceStatus",
  },
  "apiregistration.v1beta1.APIServiceStatus": {
    conditions: "M:type:",
  },
};

/** Root type of each "apiVersion kind" whose schema reaches a merge-keyed list. */
export const BUILTIN_ROOTS: Record<string, string> = {
  "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration":
    "admissionregistration.v1.MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration":
    "admissionregistration.v1.ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration":
    "admissionregistration.v1beta1.MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration":
    "admissionregistration.v1beta1.ValidatingWebhookConfiguration",
  "apiextensions.k8s.io/v1 CustomResourceDefinition": "apiextensions.v1.CustomResourceDefinition",
  "apiextensions.k8s.io/v1beta1 CustomResourceDefinition":
    "apiextensions.v1beta1.CustomResourceDefinition",
  "apiregistration.k8s.io/v1 APIService": "apiregistration.v1.APIService",
  "apiregistration.k8s.io/v1beta1 APIService": "apiregistration.v1beta1.APIService",
  "apps/v1 ControllerRevision": "apps.v1.ControllerRevision",
  "apps/v1 DaemonSet": "apps.v1.DaemonSet",
  "apps/v1 Deployment": "apps.v1.Deployment",
  "apps/v1 ReplicaSet": "apps.v1.ReplicaSet",
  "apps/v1 StatefulSet": "apps.v1.StatefulSet",
  "authentication.k8s.io/v1 TokenRequest": "authentication.v1.TokenRequest",
  "authentication.k8s.io/v1 TokenReview": "authentication.v1.TokenReview",
  "authentication.k8s.io/v1beta1 TokenReview": "authentication.v1beta1.TokenReview",
  "authorization.k8s.io/v1 LocalSubjectAccessReview": "authorization.v1.LocalSubjectAccessReview",
  "authorization.k8s.io/v1 SelfSubjectAccessReview": "authorization.v1.SelfSubjectAccessReview",
  "authorization.k8s.io/v1 SelfSubjectRulesReview": "authorization.v1.SelfSubjectRulesReview",
  "authorization.k8s.io/v1 SubjectAccessReview": "authorization.v1.SubjectAccessReview",
  "authorization.k8s.io/v1beta1 LocalSubjectAccessReview":
    "authorization.v1beta1.LocalSubjectAccessReview",
  "authorization.k8s.io/v1beta1 SelfSubjectAccessReview":
    "authorization.v1beta1.SelfSubjectAccessReview",
  "authorization.k8s.io/v1beta1 SelfSubjectRulesReview":
    "authorization.v1beta1.SelfSubjectRulesReview",
  "authorization.k8s.io/v1beta1 SubjectAccessReview": "authorization.v1beta1.SubjectAccessReview",
  "autoscaling/v1 HorizontalPodAutoscaler": "autoscaling.v1.HorizontalPodAutoscaler",
  "autoscaling/v1 Scale": "autoscaling.v1.Scale",
  "autoscaling/v2beta1 HorizontalPodAutoscaler": "autoscaling.v2beta1.HorizontalPodAutoscaler",
  "autoscaling/v2beta2 HorizontalPodAutoscaler": "autoscaling.v2beta2.HorizontalPodAutoscaler",
  "batch/v1 CronJob": "batch.v1.CronJob",
  "batch/v1 Job": "batch.v1.Job",
  "batch/v1beta1 CronJob": "batch.v1beta1.CronJob",
  "certificates.k8s.io/v1 CertificateSigningRequest": "certificates.v1.CertificateSigningRequest",
  "certificates.k8s.io/v1beta1 CertificateSigningRequest":
    "certificates.v1beta1.CertificateSigningRequest",
  "coordination.k8s.io/v1 Lease": "coordination.v1.Lease",
  "coordination.k8s.io/v1beta1 Lease": "coordination.v1beta1.Lease",
  "discovery.k8s.io/v1 EndpointSlice": "discovery.v1.EndpointSlice",
  "discovery.k8s.io/v1beta1 EndpointSlice": "discovery.v1beta1.EndpointSlice",
  "events.k8s.io/v1 Event": "events.v1.Event",
  "events.k8s.io/v1beta1 Event": "events.v1beta1.Event",
  "extensions/v1beta1 Ingress": "extensions.v1beta1.Ingress",
  "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema": "flowcontrol.v1beta1.FlowSchema",
  "flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration":
    "flowcontrol.v1beta1.PriorityLevelConfiguration",
  "networking.k8s.io/v1 Ingress": "networking.v1.Ingress",
  "networking.k8s.io/v1 IngressClass": "networking.v1.IngressClass",
  "networking.k8s.io/v1 NetworkPolicy": "networking.v1.NetworkPolicy",
  "networking.k8s.io/v1beta1 Ingress": "networking.v1beta1.Ingress",
  "networking.k8s.io/v1beta1 IngressClass": "networking.v1beta1.IngressClass",
  "node.k8s.io/v1 RuntimeClass": "node.v1.RuntimeClass",
  "node.k8s.io/v1beta1 RuntimeClass": "node.v1beta1.RuntimeClass",
  "policy/v1 PodDisruptionBudget": "policy.v1.PodDisruptionBudget",
  "policy/v1beta1 Eviction": "policy.v1beta1.Eviction",
  "policy/v1beta1 PodDisruptionBudget": "policy.v1beta1.PodDisruptionBudget",
  "policy/v1beta1 PodSecurityPolicy": "policy.v1beta1.PodSecurityPolicy",
  "rbac.authorization.k8s.io/v1 ClusterRole": "rbac.v1.ClusterRole",
  "rbac.authorization.k8s.io/v1 ClusterRoleBinding": "rbac.v1.ClusterRoleBinding",
  "rbac.authorization.k8s.io/v1 Role": "rbac.v1.Role",
  "rbac.authorization.k8s.io/v1 RoleBinding": "rbac.v1.RoleBinding",
  "rbac.authorization.k8s.io/v1beta1 ClusterRole": "rbac.v1beta1.ClusterRole",
  "rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding": "rbac.v1beta1.ClusterRoleBinding",
  "rbac.authorization.k8s.io/v1beta1 Role": "rbac.v1beta1.Role",
  "rbac.authorization.k8s.io/v1beta1 RoleBinding": "rbac.v1beta1.RoleBinding",
  "scheduling.k8s.io/v1 PriorityClass": "scheduling.v1.PriorityClass",
  "scheduling.k8s.io/v1beta1 PriorityClass": "scheduling.v1beta1.PriorityClass",
  "storage.k8s.io/v1 CSIDriver": "storage.v1.CSIDriver",
  "storage.k8s.io/v1 CSINode": "storage.v1.CSINode",
  "storage.k8s.io/v1 StorageClass": "storage.v1.StorageClass",
  "storage.k8s.io/v1 VolumeAttachment": "storage.v1.VolumeAttachment",
  "storage.k8s.io/v1beta1 CSIDriver": "storage.v1beta1.CSIDriver",
  "storage.k8s.io/v1beta1 CSINode": "storage.v1beta1.CSINode",
  "storage.k8s.io/v1beta1 CSIStorageCapacity": "storage.v1beta1.CSIStorageCapacity",
  "storage.k8s.io/v1beta1 StorageClass": "storage.v1beta1.StorageClass",
  "storage.k8s.io/v1beta1 VolumeAttachment": "storage.v1beta1.VolumeAttachment",
  "v1 Binding": "core.v1.Binding",
  "v1 ComponentStatus": "core.v1.ComponentStatus",
  "v1 ConfigMap": "core.v1.ConfigMap",
  "v1 Endpoints": "core.v1.Endpoints",
  "v1 Event": "core.v1.Event",
  "v1 LimitRange": "core.v1.LimitRange",
  "v1 Namespace": "core.v1.Namespace",
  "v1 Node": "core.v1.Node",
  "v1 PersistentVolume": "core.v1.PersistentVolume",
  "v1 PersistentVolumeClaim": "core.v1.PersistentVolumeClaim",
  "v1 Pod": "core.v1.Pod",
  "v1 PodTemplate": "core.v1.PodTemplate",
  "v1 ReplicationController": "core.v1.ReplicationController",
  "v1 ResourceQuota": "core.v1.ResourceQuota",
  "v1 Secret": "core.v1.Secret",
  "v1 Service": "core.v1.Service",
  "v1 ServiceAccount": "core.v1.ServiceAccount",
};
