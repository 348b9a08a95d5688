import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { obj } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss012 = defineRule({
  id: "ZT-PSS-012",
  title: "Read-only root filesystem",
  severity: "error",
  fix: "Set `securityContext.readOnlyRootFilesystem: true` and mount emptyDir volumes for writable paths.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      if (obj(ref.container.securityContext).readOnlyRootFilesystem !== true) {
        ctx.report(w.object, `${describeContainer(ref)} must set readOnlyRootFilesystem: true`);
      }
    });
  },
});
