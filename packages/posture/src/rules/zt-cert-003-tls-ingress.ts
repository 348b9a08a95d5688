import { obj, objs, str, strs } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

function hostCovered(host: string, tlsHosts: string[]): boolean {
  return tlsHosts.some(
    (t) =>
      t === host ||
      (t.startsWith("*.") &&
        host.endsWith(t.slice(1)) &&
        !host.slice(0, -t.length + 1).includes(".")),
  );
}

export const ztCert003 = defineRule({
  id: "ZT-CERT-003",
  title: "TLS on every ingress point",
  severity: "error",
  fix: "List every Ingress host under spec.tls with a cert-manager Secret; give HTTPS Gateway listeners certificateRefs and make HTTP listeners redirect only.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const c = ctx.cluster;
    for (const ing of c.ofKind("Ingress", "networking.k8s.io")) {
      const spec = obj(ing.spec);
      const tls = objs(spec.tls);
      const tlsHosts = tls.flatMap((t) => strs(t.hosts));
      for (const r of objs(spec.rules)) {
        const host = str(r.host);
        if (!host)
          ctx.report(
            ing,
            "has a rule without host, which cannot be served over TLS; name the host",
          );
        else if (!hostCovered(host, tlsHosts))
          ctx.report(ing, `host "${host}" is not in spec.tls; add it with a certificate Secret`);
      }
      tls.forEach((t, i) => {
        if (!str(t.secretName)) ctx.report(ing, `spec.tls[${i}] has no secretName`);
      });
    }
    const routes = c.ofKind("HTTPRoute", "gateway.networking.k8s.io");
    for (const gw of c.ofKind("Gateway", "gateway.networking.k8s.io")) {
      for (const l of objs(obj(gw.spec).listeners)) {
        const name = str(l.name) ?? "";
        const proto = str(l.protocol) ?? "";
        if (
          (proto === "HTTPS" || proto === "TLS") &&
          objs(obj(l.tls).certificateRefs).length === 0 &&
          obj(l.tls).mode !== "Passthrough"
        ) {
          ctx.report(gw, `listener "${name}" (${proto}) has no tls.certificateRefs`);
        }
        if (proto !== "HTTP") continue;
        for (const r of routes) {
          const attached = objs(obj(r.spec).parentRefs).some(
            (p) =>
              p.name === gw.metadata.name &&
              (str(p.namespace) ?? r.metadata.namespace) === gw.metadata.namespace &&
              (p.sectionName === undefined || p.sectionName === name),
          );
          if (!attached) continue;
          const redirectOnly = objs(obj(r.spec).rules).every((rule) => {
            const filters = objs(rule.filters);
            return (
              filters.length > 0 &&
              filters.every(
                (f) => f.type === "RequestRedirect" && obj(f.requestRedirect).scheme === "https",
              ) &&
              objs(rule.backendRefs).length === 0
            );
          });
          if (!redirectOnly)
            ctx.report(
              gw,
              `plain-HTTP listener "${name}" serves HTTPRoute "${r.metadata.name ?? ""}" (${r.metadata.namespace ?? ""}); HTTP may only redirect to https`,
            );
        }
      }
    }
  },
});
