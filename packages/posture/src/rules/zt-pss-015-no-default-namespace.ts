import { groupOf, LABELS, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "@fleet-baseline/model";
import { isClusterScoped } from "../_cluster.ts";
import { defineRule } from "../rule.ts";

/** Groups whose kinds we know to be namespaced (unknown CRDs may be cluster-scoped). */
const NAMESPACED_GROUPS = new Set([
  "",
  "apps",
  "batch",
  "networking.k8s.io",
  "rbac.authorization.k8s.io",
  "policy",
  "autoscaling",
  "security.istio.io",
  "networking.istio.io",
  "policy.linkerd.io",
  "cert-manager.io",
  "cilium.io",
  "projectcalico.org",
  "kyverno.io",
  "gateway.networking.k8s.io",
  "discovery.k8s.io",
  "coordination.k8s.io",
]);

export const ztPss015 = defineRule({
  id: "ZT-PSS-015",
  title: "No workloads in default",
  severity: "error",
  fix: "Move the object to a tenant namespace (set metadata.namespace).",
  stage: "none",
  stageNote: "Unchanged: the default namespace has no stage of its own.",
  check(ctx) {
    for (const { object } of ctx.cluster.entries) {
      if (isClusterScoped(object)) continue;
      const ns = object.metadata.namespace;
      const labels = object.metadata.labels ?? {};
      if (ns === "default") {
        ctx.report(object, "lives in the default namespace; move it to a tenant namespace");
      } else if (
        ns === "kube-system" &&
        labels[LABELS.owner] !== "platform" &&
        labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE
      ) {
        ctx.report(
          object,
          "lives in kube-system but is not platform-owned (label fleet-baseline.io/owner: platform)",
        );
      } else if (!ns && NAMESPACED_GROUPS.has(groupOf(object.apiVersion))) {
        ctx.report(
          object,
          "is unbound: a namespaced object with no namespace lands wherever the applier points; set metadata.namespace",
        );
      }
    }
  },
});
