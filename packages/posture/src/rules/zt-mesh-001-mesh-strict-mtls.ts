import { groupOf } from "@fleet-baseline/model";
import { usesIstio } from "../_mesh.ts";
import { missingRef } from "../_refs.ts";
import { isEmptySelector } from "../_selectors.ts";
import { obj } from "../_util.ts";
import { defineRule } from "../rule.ts";

export const ztMesh001 = defineRule({
  id: "ZT-MESH-001",
  title: "Mesh-wide STRICT mTLS (Istio)",
  severity: "error",
  fix: "Add exactly one PeerAuthentication without selector in the Istio root namespace with `mtls.mode: STRICT`.",
  stage: "custom",
  stageNote:
    "Judged on the policy's own stage; PERMISSIVE during observe needs an exception for ZT-MESH-001.",
  check(ctx) {
    const c = ctx.cluster;
    if (!usesIstio(c)) return;
    const root = c.fleet.istioRootNamespace;
    const mesh = c
      .ofKind("PeerAuthentication")
      .filter(
        (p) =>
          groupOf(p.apiVersion) === "security.istio.io" &&
          p.metadata.namespace === root &&
          isEmptySelector(obj(obj(p.spec).selector)),
      );
    if (mesh.length === 0) {
      ctx.report(
        missingRef("security.istio.io/v1", "PeerAuthentication", root, "default"),
        `is missing: the mesh has no selector-less PeerAuthentication in "${root}", so Istio accepts plaintext (PERMISSIVE)`,
      );
      return;
    }
    if (mesh.length > 1) {
      for (const p of mesh.slice(1))
        ctx.report(
          p,
          "is a second mesh-wide PeerAuthentication; keep exactly one (Istio picks the oldest)",
        );
    }
    const mode = obj(obj(mesh[0]?.spec).mtls).mode;
    if (mode !== "STRICT" && mesh[0])
      ctx.report(
        mesh[0],
        `mesh-wide mtls.mode is ${typeof mode === "string" ? mode : "unset (PERMISSIVE)"}; set STRICT`,
      );
  },
});
