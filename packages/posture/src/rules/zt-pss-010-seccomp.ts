import { describeContainer, effectiveSecurity, forEachTenantContainer } from "../_pods.ts";
import { obj } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss010 = defineRule({
  id: "ZT-PSS-010",
  title: "Seccomp RuntimeDefault or Localhost",
  severity: "error",
  fix: "Set `securityContext.seccompProfile.type: RuntimeDefault` at pod level.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      const type = obj(effectiveSecurity(w.spec, ref, "seccompProfile")).type;
      if (type !== "RuntimeDefault" && type !== "Localhost") {
        ctx.report(
          w.object,
          `${describeContainer(ref)} has effective seccompProfile ${typeof type === "string" ? type : "unset"}; use RuntimeDefault or Localhost`,
        );
      }
    });
  },
});
