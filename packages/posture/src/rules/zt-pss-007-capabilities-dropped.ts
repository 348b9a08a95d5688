import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { obj, strs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss007 = defineRule({
  id: "ZT-PSS-007",
  title: "Capabilities dropped",
  severity: "error",
  fix: "Set `securityContext.capabilities: {drop: [ALL]}` and add at most NET_BIND_SERVICE.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      const caps = obj(obj(ref.container.securityContext).capabilities);
      if (!strs(caps.drop).includes("ALL")) {
        ctx.report(
          w.object,
          `${describeContainer(ref)} must drop ALL capabilities (securityContext.capabilities.drop: [ALL])`,
        );
      }
      const extra = strs(caps.add).filter((c) => c !== "NET_BIND_SERVICE");
      if (extra.length)
        ctx.report(
          w.object,
          `${describeContainer(ref)} adds capabilities ${extra.join(", ")}; only NET_BIND_SERVICE is allowed`,
        );
    });
  },
});
