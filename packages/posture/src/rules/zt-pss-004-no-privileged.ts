import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { obj } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss004 = defineRule({
  id: "ZT-PSS-004",
  title: "No privileged containers",
  severity: "error",
  fix: "Remove `securityContext.privileged: true` from the container.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      if (obj(ref.container.securityContext).privileged === true) {
        ctx.report(
          w.object,
          `${describeContainer(ref)} is privileged; remove securityContext.privileged`,
        );
      }
    });
  },
});
