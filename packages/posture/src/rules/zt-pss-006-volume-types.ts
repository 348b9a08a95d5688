import { objs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

const ALLOWED = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

export const ztPss006 = defineRule({
  id: "ZT-PSS-006",
  title: "No hostPath; restricted volume types only",
  severity: "error",
  fix: "Use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const w of ctx.cluster.tenantWorkloads()) {
      for (const v of objs(w.spec.volumes)) {
        const types = Object.keys(v).filter((k) => k !== "name");
        for (const t of types) {
          if (ALLOWED.has(t)) continue;
          ctx.report(
            w.object,
            t === "hostPath"
              ? `volume "${String(v.name ?? "")}" mounts a hostPath; use emptyDir or a PersistentVolumeClaim`
              : `volume "${String(v.name ?? "")}" has type ${t}, not allowed by PSS restricted`,
          );
        }
      }
    }
  },
});
