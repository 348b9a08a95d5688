import { obj, str, strs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztNet009 = defineRule({
  id: "ZT-NET-009",
  title: "No unapproved external exposure",
  severity: "error",
  fix: "Use `type: ClusterIP` and route ingress through the shared gateway, or add an exception for ZT-NET-009.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const svc of ctx.cluster.ofKind("Service", "")) {
      if (ctx.cluster.isSystem(svc.metadata.namespace ?? "")) continue;
      const spec = obj(svc.spec);
      const type = str(spec.type);
      if (type === "LoadBalancer" || type === "NodePort") {
        ctx.report(svc, `is type ${type}; use ClusterIP behind the shared gateway`);
      }
      if (strs(spec.externalIPs).length > 0) ctx.report(svc, "sets externalIPs; remove them");
    }
  },
});
