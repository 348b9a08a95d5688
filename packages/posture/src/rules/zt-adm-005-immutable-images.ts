import { tagOf } from "../_images.ts";
import { describeContainer, forEachTenantContainer } from "../_pods.ts";
import { str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztAdm005 = defineRule({
  id: "ZT-ADM-005",
  title: "Immutable image references",
  severity: "error",
  fix: "Pin the image to an explicit version tag or an @sha256: digest.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      const image = str(ref.container.image) ?? "";
      const { tag, digest } = tagOf(image);
      if (digest) return;
      if (tag === undefined)
        ctx.report(
          w.object,
          `${describeContainer(ref)} image "${image}" has no tag (= latest); pin a version or digest`,
        );
      else if (tag === "latest")
        ctx.report(
          w.object,
          `${describeContainer(ref)} image "${image}" uses :latest; pin a version or digest`,
        );
    });
  },
});
