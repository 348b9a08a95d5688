import { effectiveMtls, isIstioMeshed, usesIstio } from "../_mesh.ts";
import { defineRule } from "../rule.ts";

export const ztMesh002 = defineRule({
  id: "ZT-MESH-002",
  title: "No weakening overrides",
  severity: "error",
  fix: "Remove namespace/workload PeerAuthentications and portLevelMtls entries that are not STRICT (UNSET inherits).",
  stage: "downgrade",
  stageNote: "observe → info, audit → warning (stage of the workload's namespace).",
  check(ctx) {
    const c = ctx.cluster;
    if (!usesIstio(c)) return;
    for (const w of c.tenantWorkloads()) {
      if (!isIstioMeshed(c, w)) continue;
      for (const p of effectiveMtls(c, w)) {
        if (p.mode === "STRICT") continue;
        const where = p.port === "*" ? "" : ` on port ${p.port}`;
        const msg = `${w.object.kind} "${w.object.metadata.name ?? ""}" gets effective mTLS ${p.mode}${where}${p.from ? "" : " (no PeerAuthentication applies: Istio default)"}; make it STRICT`;
        ctx.report(p.from ?? w.object, msg, { namespace: w.namespace });
      }
    }
  },
});
