import { groupOf } from "@fleet-baseline/model";
import { isConstraint, taggedControls } from "../_admission.ts";
import { obj, objs, strs } from "../_util.ts";
import { defineRule } from "../rule.ts";

export const ztAdm002 = defineRule({
  id: "ZT-ADM-002",
  title: "Gatekeeper constraints enforce in enforce stage",
  severity: "error",
  fix: "Use `enforcementAction: deny` (or omit it) on constraints tagged with baseline controls; add an ExpansionTemplate so Pod-only constraints judge controllers.",
  stage: "custom",
  stageNote:
    "Only constraints whose own stage annotation is enforce (or absent) must deny; observe/audit constraints may dryrun/warn.",
  check(ctx) {
    const c = ctx.cluster;
    const expansion = c.entries.some(
      (e) =>
        e.object.kind === "ExpansionTemplate" &&
        groupOf(e.object.apiVersion) === "expansion.gatekeeper.sh",
    );
    for (const { object: o } of c.entries) {
      if (!isConstraint(o) || taggedControls(o).length === 0 || c.stageOf(o) !== "enforce")
        continue;
      const spec = obj(o.spec);
      const action = spec.enforcementAction;
      if (action !== undefined && action !== "deny")
        ctx.report(o, `enforcementAction is ${String(action)}; use deny (or omit it)`);
      const kinds = objs(obj(spec.match).kinds).flatMap((k) => strs(k.kinds));
      if (kinds.length > 0 && kinds.every((k) => k === "Pod") && !expansion) {
        ctx.report(
          o,
          "matches only Pods and no ExpansionTemplate exists: violations in Deployments surface only when their pods are created",
          { severity: "warning" },
        );
      }
    }
  },
});
