import { ANNOTATIONS } from "@fleet-baseline/model";
import { serviceAccountOf } from "../_pods.ts";
import { obj, objs, str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

export const ztId002 = defineRule({
  id: "ZT-ID-002",
  title: "Token hygiene",
  severity: "error",
  fix: 'Set `automountServiceAccountToken: false` (pod or ServiceAccount) unless the pod template is annotated `fleet-baseline.io/needs-api-access: "true"`; use projected tokens with an audience and expirationSeconds ≤ 3600; no token Secrets.',
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    for (const w of c.tenantWorkloads()) {
      const saName = serviceAccountOf(w.spec);
      const sa = c
        .ofKind("ServiceAccount", "")
        .find((o) => o.metadata.name === saName && o.metadata.namespace === w.namespace);
      const podValue = w.spec.automountServiceAccountToken;
      const saValue = sa?.automountServiceAccountToken;
      // Pod wins over ServiceAccount; both default to true (an unrendered `default` SA included).
      const effective =
        typeof podValue === "boolean" ? podValue : typeof saValue === "boolean" ? saValue : true;
      const needsApi = w.annotations[ANNOTATIONS.needsApiAccess] === "true";
      if (effective && !needsApi) {
        const why =
          typeof podValue === "boolean"
            ? "the pod sets it"
            : typeof saValue === "boolean"
              ? `ServiceAccount "${saName}" sets it`
              : `neither the pod nor ServiceAccount "${saName}" sets it (default true)`;
        ctx.report(
          w.object,
          `mounts a ServiceAccount token (${why}); set automountServiceAccountToken: false or annotate the pod template ${ANNOTATIONS.needsApiAccess}: "true"`,
        );
      }
      for (const v of objs(w.spec.volumes)) {
        for (const src of objs(obj(v.projected).sources)) {
          if (src.serviceAccountToken === undefined) continue;
          const t = obj(src.serviceAccountToken);
          const exp = typeof t.expirationSeconds === "number" ? t.expirationSeconds : 3600;
          if (exp > 3600)
            ctx.report(
              w.object,
              `projected token in volume "${str(v.name) ?? ""}" lives ${exp}s; use expirationSeconds ≤ 3600`,
            );
          if (!str(t.audience) && !needsApi)
            ctx.report(
              w.object,
              `projected token in volume "${str(v.name) ?? ""}" has no audience (an API-server token); set an audience`,
            );
        }
      }
    }
    for (const s of c.ofKind("Secret", "")) {
      if (s.type === "kubernetes.io/service-account-token") {
        ctx.report(s, "is a long-lived ServiceAccount token Secret; use projected (bound) tokens");
      }
    }
  },
});
