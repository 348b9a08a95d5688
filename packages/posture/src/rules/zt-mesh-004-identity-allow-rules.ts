import { groupOf } from "@fleet-baseline/model";
import { obj, objs, strs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztMesh004 = defineRule({
  id: "ZT-MESH-004",
  title: "Identity-based ALLOW rules",
  severity: "error",
  fix: "Name callers by principal (`cluster.local/ns/<ns>/sa/<sa>`) in `from[].source.principals`; no `*`, no namespace- or IP-only sources.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const a of ctx.cluster.ofKind("AuthorizationPolicy")) {
      if (
        groupOf(a.apiVersion) !== "security.istio.io" ||
        ctx.cluster.isSystem(a.metadata.namespace ?? "")
      )
        continue;
      const spec = obj(a.spec);
      if (spec.action !== undefined && spec.action !== "ALLOW") continue;
      objs(spec.rules).forEach((rule, i) => {
        const from = objs(rule.from);
        if (from.length === 0) {
          ctx.report(a, `rule ${i} has no \`from\`: any caller is allowed; name principals`);
          return;
        }
        from.forEach((f, j) => {
          const s = obj(f.source);
          const principals = [...strs(s.principals), ...strs(s.requestPrincipals)];
          if (principals.includes("*")) ctx.report(a, `rule ${i} from ${j} allows principals "*"`);
          if (strs(s.namespaces).includes("*"))
            ctx.report(a, `rule ${i} from ${j} allows namespaces "*"`);
          if (principals.length === 0) {
            const kinds = [
              "namespaces",
              "ipBlocks",
              "remoteIpBlocks",
              "notPrincipals",
              "notNamespaces",
            ].filter((k) => s[k] !== undefined);
            ctx.report(
              a,
              `rule ${i} from ${j} identifies callers only by ${kinds.length ? kinds.join(", ") : "nothing"}; name principals`,
            );
          }
        });
      });
    }
  },
});
