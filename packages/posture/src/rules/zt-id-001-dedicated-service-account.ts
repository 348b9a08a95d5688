import { describeObject } from "@fleet-baseline/model";
import { serviceAccountOf, type Workload } from "../_pods.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztId001 = defineRule({
  id: "ZT-ID-001",
  title: "Dedicated ServiceAccount per workload",
  severity: "error",
  fix: "Give each workload its own rendered ServiceAccount via spec.serviceAccountName.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    const users = new Map<string, Workload[]>();
    for (const w of c.tenantWorkloads()) {
      const sa = serviceAccountOf(w.spec);
      if (sa === "default") {
        ctx.report(
          w.object,
          "runs as the default ServiceAccount (serviceAccountName omitted or default); give it its own",
        );
        continue;
      }
      if (
        !c
          .ofKind("ServiceAccount", "")
          .some((o) => o.metadata.name === sa && o.metadata.namespace === w.namespace)
      ) {
        ctx.report(w.object, `uses ServiceAccount "${sa}", which is not rendered`);
      }
      const key = `${w.namespace}/${sa}`;
      users.set(key, [...(users.get(key) ?? []), w]);
    }
    for (const [key, ws] of users) {
      if (ws.length < 2) continue;
      for (const w of ws) {
        const others = ws.filter((o) => o !== w).map((o) => describeObject(o.object));
        ctx.report(
          w.object,
          `shares ServiceAccount ${key} with ${others.join(", ")}; give each workload its own`,
        );
      }
    }
  },
});
