import { missingRef } from "../_refs.ts";
import { defineRule } from "../rule.ts";
import { PSA } from "./zt-pss-001-enforce-restricted.ts";

/** `v1.31` → 31; undefined when not `vMAJOR.MINOR` with major 1. */
export function psaMinor(version: string | undefined): number | undefined {
  const m = /^v1\.(\d+)$/.exec(version ?? "");
  return m ? Number(m[1]) : undefined;
}

export const ztPss002 = defineRule({
  id: "ZT-PSS-002",
  title: "PSA enforce version pinned",
  severity: "error",
  fix: "Label the Namespace `pod-security.kubernetes.io/enforce-version` with the fleet's pinned version (e.g. v1.31).",
  stage: "none",
  stageNote:
    "Unchanged by the stage: an unpinned version changes behaviour on a control-plane upgrade in every stage.",
  check(ctx) {
    const min = psaMinor(ctx.config.podSecurity.minimumVersion) ?? 0;
    for (const ns of ctx.cluster.tenantNamespaces()) {
      const target = ctx.cluster.namespaceObject(ns) ?? missingRef("v1", "Namespace", "", ns);
      const v = ctx.cluster.namespaceLabels(ns)[`${PSA}/enforce-version`];
      const want = `set it to ${ctx.config.podSecurity.version}`;
      if (v === undefined || v === "latest") {
        ctx.report(
          target,
          `${v === undefined ? "has no" : "has `latest` as"} pod-security.kubernetes.io/enforce-version (follows the API server on upgrade); ${want}`,
          { namespace: ns },
        );
        continue;
      }
      const minor = psaMinor(v);
      if (minor === undefined)
        ctx.report(
          target,
          `pod-security.kubernetes.io/enforce-version "${v}" is not vMAJOR.MINOR; ${want}`,
          { namespace: ns },
        );
      else if (minor < min)
        ctx.report(
          target,
          `pod-security.kubernetes.io/enforce-version ${v} is older than the fleet minimum ${ctx.config.podSecurity.minimumVersion}; ${want}`,
          { namespace: ns },
        );
    }
  },
});
