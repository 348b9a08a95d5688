import { groupOf } from "@fleet-baseline/model";
import { obj, str } from "../_util.ts";
import { defineRule } from "../rule.ts";

export const ztId003 = defineRule({
  id: "ZT-ID-003",
  title: "SPIFFE identities are workload-specific",
  severity: "error",
  fix: "Use `spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}` and federate only with allow-listed trust domains.",
  stage: "none",
  stageNote: "Unchanged: ClusterSPIFFEIDs are cluster-scoped.",
  check(ctx) {
    const td = ctx.config.spiffeTrustDomain;
    for (const o of ctx.cluster.objects) {
      if (groupOf(o.apiVersion) !== "spire.spiffe.io") continue;
      const spec = obj(o.spec);
      if (o.kind === "ClusterSPIFFEID") {
        const t = (str(spec.spiffeIDTemplate) ?? "").replace(/\s+/g, "");
        if (!t.startsWith("spiffe://{{.TrustDomain}}/") && !t.startsWith(`spiffe://${td}/`)) {
          ctx.report(o, `spiffeIDTemplate does not use the fleet trust domain "${td}"`);
        }
        const hasNs = t.includes(".PodMeta.Namespace");
        const hasSa =
          t.includes(".PodSpec.ServiceAccountName") ||
          t.includes(".PodMeta.UID") ||
          t.includes(".PodMeta.Name");
        if (!hasNs || !hasSa) {
          ctx.report(
            o,
            "spiffeIDTemplate must encode the namespace and the ServiceAccount (.PodMeta.Namespace, .PodSpec.ServiceAccountName); otherwise unrelated workloads share one identity",
          );
        }
      } else if (o.kind === "ClusterFederatedTrustDomain") {
        const other = str(spec.trustDomain) ?? "";
        if (other !== td)
          ctx.report(
            o,
            `federates with trust domain "${other}"; allow-list it with an exception for ZT-ID-003`,
            { severity: "warning" },
          );
      }
    }
  },
});
