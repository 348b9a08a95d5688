import { linkerdEnrolled, usesLinkerd } from "../_mesh.ts";
import { missingRef } from "../_refs.ts";
import { defineRule } from "../rule.ts";

const KEY = "config.linkerd.io/default-inbound-policy";
const GOOD = new Set(["all-authenticated", "cluster-authenticated", "deny"]);
/** Linkerd's install default when `proxy.defaultInboundPolicy` is not set. */
const INSTALL_DEFAULT = "all-unauthenticated";

export const ztMesh007 = defineRule({
  id: "ZT-MESH-007",
  title: "Linkerd default inbound policy",
  severity: "error",
  fix: "Annotate the Namespace `config.linkerd.io/default-inbound-policy: all-authenticated` (or cluster-authenticated, deny).",
  stage: "custom",
  stageNote:
    "Only enforce-stage namespaces are judged; observe and audit namespaces may run all-unauthenticated or audit.",
  check(ctx) {
    const c = ctx.cluster;
    if (!usesLinkerd(c)) return;
    for (const ns of c.tenantNamespaces()) {
      if (!linkerdEnrolled(c, ns) || c.stageOfNamespace(ns) !== "enforce") continue;
      const nsValue = c.namespaceAnnotations(ns)[KEY];
      const nsEffective = nsValue ?? INSTALL_DEFAULT;
      if (!GOOD.has(nsEffective)) {
        ctx.report(
          c.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns),
          `default inbound policy is ${nsEffective}${nsValue ? "" : " (install default)"}; annotate ${KEY}: all-authenticated`,
          { namespace: ns },
        );
      }
      for (const w of c.workloadsIn(ns)) {
        const v = w.annotations[KEY];
        if (v !== undefined && !GOOD.has(v))
          ctx.report(
            w.object,
            `pod template overrides the default inbound policy to ${v}; use all-authenticated, cluster-authenticated or deny`,
          );
      }
    }
  },
});
