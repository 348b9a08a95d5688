import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { obj, objs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztPss014 = defineRule({
  id: "ZT-PSS-014",
  title: "Secrets as files, not environment",
  severity: "error",
  fix: "Mount the Secret as a volume (or use a CSI secret store) instead of env/envFrom.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      for (const e of objs(ref.container.env)) {
        if (obj(e.valueFrom).secretKeyRef !== undefined) {
          ctx.report(
            w.object,
            `${describeContainer(ref)} reads a Secret into env ${String(e.name ?? "")}; mount it as a file`,
          );
        }
      }
      for (const e of objs(ref.container.envFrom)) {
        if (e.secretRef !== undefined) {
          ctx.report(
            w.object,
            `${describeContainer(ref)} loads Secret "${String(obj(e.secretRef).name ?? "")}" with envFrom; mount it as a file`,
          );
        }
      }
    });
  },
});
