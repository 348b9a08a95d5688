import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { obj } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss008 = defineRule({
  id: "ZT-PSS-008",
  title: "allowPrivilegeEscalation explicitly false",
  severity: "error",
  fix: "Set `securityContext.allowPrivilegeEscalation: false` on every container (unset behaves as true).",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      const v = obj(ref.container.securityContext).allowPrivilegeEscalation;
      if (v !== false) {
        ctx.report(
          w.object,
          `${describeContainer(ref)} ${v === undefined ? "leaves allowPrivilegeEscalation unset (= true)" : "sets allowPrivilegeEscalation: true"}; set it to false`,
        );
      }
    });
  },
});
