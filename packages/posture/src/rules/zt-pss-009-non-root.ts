import { describeContainer, effectiveSecurity, forEachTenantContainer } from "../_pods.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss009 = defineRule({
  id: "ZT-PSS-009",
  title: "Non-root",
  severity: "error",
  fix: "Set `securityContext.runAsNonRoot: true` at pod level (and never runAsUser: 0 or a container-level false).",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      const nonRoot = effectiveSecurity(w.spec, ref, "runAsNonRoot");
      const user = effectiveSecurity(w.spec, ref, "runAsUser");
      if (nonRoot !== true) {
        ctx.report(
          w.object,
          `${describeContainer(ref)} has effective runAsNonRoot ${nonRoot === false ? "false" : "unset"}; set runAsNonRoot: true (pod level is inherited)`,
        );
      }
      if (user === 0)
        ctx.report(
          w.object,
          `${describeContainer(ref)} has effective runAsUser 0 (root); use a non-zero UID`,
        );
    });
  },
});
