import { groupOf, type KubeObject } from "@fleet-baseline/model";
import { isMeshed, linkerdEnrolled } from "../_mesh.ts";
import { isAnyCidr } from "../_netpol.ts";
import { matchesSelector } from "../_selectors.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule } from "../rule.ts";

const L = "policy.linkerd.io";

export const ztMesh008 = defineRule({
  id: "ZT-MESH-008",
  title: "Linkerd per-port authorization",
  severity: "error",
  fix: "Give every exposed port a Server with `accessPolicy: deny` (or unset) and an AuthorizationPolicy requiring a MeshTLSAuthentication with named identities.",
  stage: "custom",
  stageNote:
    "Server `accessPolicy: audit` is accepted in observe and audit namespaces; everything else is judged in every stage.",
  check(ctx) {
    const c = ctx.cluster;
    const all = c.objects.filter((o) => groupOf(o.apiVersion) === L);
    const of = (kind: string, ns: string) =>
      all.filter((o) => o.kind === kind && o.metadata.namespace === ns);
    for (const s of all.filter((o) => o.kind === "Server")) {
      const ap = str(obj(s.spec).accessPolicy) ?? "deny";
      const stage = c.stageOf(s);
      if (ap === "deny" || (ap === "audit" && stage !== "enforce")) continue;
      ctx.report(s, `accessPolicy is ${ap}; use deny (audit only in observe/audit stages)`);
    }
    for (const w of c.tenantWorkloads()) {
      if (!linkerdEnrolled(c, w.namespace) && w.annotations["linkerd.io/inject"] !== "enabled")
        continue;
      if (!isMeshed(c, w)) continue;
      const servers = of("Server", w.namespace).filter((s) =>
        matchesSelector(obj(obj(s.spec).podSelector), w.labels),
      );
      for (const ctr of objs(w.spec.containers)) {
        for (const p of objs(ctr.ports)) {
          const covered = servers.some((s) => {
            const port = obj(s.spec).port;
            return (
              port === p.containerPort ||
              String(port) === String(p.containerPort) ||
              (typeof port === "string" && port === p.name)
            );
          });
          if (!covered)
            ctx.report(
              w.object,
              `port ${String(p.containerPort)} has no Linkerd Server; add one with accessPolicy: deny`,
            );
        }
      }
    }
    for (const a of all.filter((o) => o.kind === "AuthorizationPolicy")) {
      const ns = a.metadata.namespace ?? "";
      const spec = obj(a.spec);
      const t = obj(spec.targetRef);
      const kind = str(t.kind) ?? "";
      const name = str(t.name) ?? "";
      const resolves =
        kind === "Namespace"
          ? name === ns
          : kind === "HTTPRoute" || kind === "GRPCRoute"
            ? c.entries.some(
                (e) =>
                  e.object.kind === kind &&
                  e.object.metadata.name === name &&
                  e.object.metadata.namespace === ns,
              )
            : of(kind, ns).some((o) => o.metadata.name === name);
      if (!resolves) ctx.report(a, `targetRef ${kind} "${name}" is not rendered in "${ns}"`);
      const refs = objs(spec.requiredAuthenticationRefs);
      const mtls = refs.filter((r) => r.kind === "MeshTLSAuthentication");
      if (mtls.length === 0)
        ctx.report(a, "requires no MeshTLSAuthentication; require one with named identities");
      for (const r of mtls) {
        const rns = str(r.namespace) ?? ns;
        if (!of("MeshTLSAuthentication", rns).some((m) => m.metadata.name === r.name))
          ctx.report(a, `MeshTLSAuthentication "${String(r.name)}" is not rendered in "${rns}"`);
      }
    }
    for (const m of all.filter((o) => o.kind === "MeshTLSAuthentication")) {
      const spec = obj(m.spec);
      const ids = strs(spec.identities);
      const refs = objs(spec.identityRefs);
      if (ids.some((i) => i === "*" || i.startsWith("*.")))
        ctx.report(
          m,
          `identities ${ids.filter((i) => i.startsWith("*")).join(", ")} match every identity; name them`,
        );
      if (ids.length === 0 && refs.length === 0) ctx.report(m, "names no identities");
      if (refs.some((r) => r.kind === "ServiceAccount" && !str(r.name)))
        ctx.report(m, "has an identityRef ServiceAccount without a name (every ServiceAccount)");
    }
    for (const n of all.filter((o) => o.kind === "NetworkAuthentication")) {
      objs(obj(n.spec).networks).forEach((net, i) => {
        if (isAnyCidr(str(net.cidr) ?? ""))
          ctx.report(n as KubeObject, `network ${i} is ${String(net.cidr)}: every address`);
      });
    }
  },
});
