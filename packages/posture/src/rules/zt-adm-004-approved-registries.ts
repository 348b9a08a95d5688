import { fromApprovedRegistry } from "../_images.ts";
import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztAdm004 = defineRule({
  id: "ZT-ADM-004",
  title: "Approved registries only",
  severity: "error",
  fix: "Pull the image from an approved registry (fleet.yaml approvedRegistries), mirroring it if needed.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const approved = ctx.config.approvedRegistries;
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      const image = str(ref.container.image) ?? "";
      if (!fromApprovedRegistry(image, approved)) {
        ctx.report(
          w.object,
          `${describeContainer(ref)} image "${image}" is not from an approved registry (${approved.join(", ")})`,
        );
      }
    });
  },
});
