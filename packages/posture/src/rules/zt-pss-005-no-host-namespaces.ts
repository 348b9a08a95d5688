import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { objs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss005 = defineRule({
  id: "ZT-PSS-005",
  title: "No host namespaces or host ports",
  severity: "error",
  fix: "Remove hostNetwork, hostPID, hostIPC and every ports[].hostPort.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const w of ctx.cluster.tenantWorkloads()) {
      for (const f of ["hostNetwork", "hostPID", "hostIPC"]) {
        if (w.spec[f] === true) ctx.report(w.object, `sets ${f}: true; remove it`);
      }
    }
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      for (const p of objs(ref.container.ports)) {
        if (typeof p.hostPort === "number" && p.hostPort !== 0) {
          ctx.report(w.object, `${describeContainer(ref)} sets hostPort ${p.hostPort}; remove it`);
        }
      }
    });
  },
});
