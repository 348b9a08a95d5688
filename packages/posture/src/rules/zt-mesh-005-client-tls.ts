import { groupOf, type JsonObject } from "@fleet-baseline/model";
import { obj, objs, str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztMesh005 = defineRule({
  id: "ZT-MESH-005",
  title: "Client-side TLS not disabled",
  severity: "error",
  fix: "Remove `tls.mode: DISABLE`/`SIMPLE` for in-mesh hosts (leave it unset or ISTIO_MUTUAL).",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    const services = new Set(
      c.ofKind("Service", "").map((s) => `${s.metadata.name ?? ""}.${s.metadata.namespace ?? ""}`),
    );
    for (const dr of c.ofKind("DestinationRule")) {
      if (groupOf(dr.apiVersion) !== "networking.istio.io") continue;
      const spec = obj(dr.spec);
      const host = str(spec.host) ?? "";
      const ns = dr.metadata.namespace ?? "";
      const short = host.split(".");
      const inMesh =
        host === "*" ||
        host.endsWith(".svc.cluster.local") ||
        host.endsWith(".svc") ||
        services.has(short.length === 1 ? `${host}.${ns}` : `${short[0]}.${short[1]}`);
      if (!inMesh) continue;
      const policies: [string, JsonObject][] = [["trafficPolicy", obj(spec.trafficPolicy)]];
      objs(spec.subsets).forEach((s, i) => {
        policies.push([`subsets[${i}].trafficPolicy`, obj(s.trafficPolicy)]);
      });
      for (const [path, tp] of policies) {
        const check = (where: string, tls: JsonObject) => {
          if (tls.mode === "DISABLE" || tls.mode === "SIMPLE")
            ctx.report(
              dr,
              `${where}.tls.mode is ${String(tls.mode)} for in-mesh host "${host}"; use ISTIO_MUTUAL or leave it unset`,
            );
        };
        check(path, obj(tp.tls));
        objs(tp.portLevelSettings).forEach((p, i) => {
          check(`${path}.portLevelSettings[${i}]`, obj(p.tls));
        });
      }
    }
  },
});
