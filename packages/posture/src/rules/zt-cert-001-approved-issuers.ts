import { groupOf, type KubeObject } from "@fleet-baseline/model";
import { obj, str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

const CM = "cert-manager.io";

export const ztCert001 = defineRule({
  id: "ZT-CERT-001",
  title: "Approved issuers",
  severity: "error",
  fix: "Reference an approved ClusterIssuer (fleet.yaml approvedClusterIssuers) in spec.issuerRef with `kind: ClusterIssuer`.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    const approved = ctx.config.approvedClusterIssuers;
    for (const cert of c.ofKind("Certificate", CM)) {
      const ns = cert.metadata.namespace ?? "";
      if (c.isSystem(ns)) continue;
      const ref = obj(obj(cert.spec).issuerRef);
      const kind = str(ref.kind) ?? "Issuer";
      const group = str(ref.group) ?? CM;
      const name = str(ref.name) ?? "";
      const issuer: KubeObject | undefined = c
        .ofKind(kind, CM)
        .find(
          (i) =>
            i.metadata.name === name && (kind === "ClusterIssuer" || i.metadata.namespace === ns),
        );
      if (issuer && obj(issuer.spec).selfSigned !== undefined) {
        ctx.report(
          cert,
          `is issued by self-signed ${kind} "${name}"; self-signed issuers are for CA bootstrap only`,
        );
      } else if (group !== CM || kind !== "ClusterIssuer" || !approved.includes(name)) {
        ctx.report(
          cert,
          `issuerRef ${kind} "${name}" is not an approved ClusterIssuer (${approved.join(", ")})`,
        );
      }
    }
    for (const i of [...c.ofKind("Issuer", CM), ...c.ofKind("ClusterIssuer", CM)]) {
      if (
        groupOf(i.apiVersion) === CM &&
        approved.includes(i.metadata.name ?? "") &&
        i.kind === "ClusterIssuer" &&
        obj(i.spec).selfSigned !== undefined
      ) {
        ctx.report(i, "is approved for workloads but self-signed; back it with the corporate CA");
      }
    }
  },
});
