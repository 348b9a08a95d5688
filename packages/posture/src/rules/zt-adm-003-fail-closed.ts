import { groupOf, type KubeObject } from "@fleet-baseline/model";
import {
  isKyvernoPolicy,
  isValidatingPolicy,
  isVap,
  isVapBinding,
  taggedControls,
} from "../_admission.ts";
import { obj, objs, str } from "../_util.ts";
import { defineRule } from "../rule.ts";

export const ztAdm003 = defineRule({
  id: "ZT-ADM-003",
  title: "Admission fails closed",
  severity: "error",
  fix: "Use `failurePolicy: Fail` (Kyverno: spec.webhookConfiguration.failurePolicy) on security policies and webhooks.",
  stage: "none",
  stageNote: "Unchanged: a fail-open webhook admits everything while it is down, in every stage.",
  check(ctx) {
    const all = ctx.cluster.objects;
    const tagged = (o: KubeObject) =>
      taggedControls(o).length > 0 ||
      (isVap(o) &&
        all.some(
          (b) =>
            isVapBinding(b) &&
            obj(b.spec).policyName === o.metadata.name &&
            taggedControls(b).length > 0,
        ));
    for (const o of all) {
      if (isKyvernoPolicy(o) && tagged(o)) {
        const spec = obj(o.spec);
        const fp =
          str(obj(spec.webhookConfiguration).failurePolicy) ?? str(spec.failurePolicy) ?? "Fail";
        if (fp === "Ignore")
          ctx.report(
            o,
            "failurePolicy is Ignore (fails open); set spec.webhookConfiguration.failurePolicy: Fail",
          );
      } else if ((isVap(o) || isValidatingPolicy(o)) && tagged(o)) {
        if (obj(o.spec).failurePolicy === "Ignore")
          ctx.report(o, "failurePolicy is Ignore (fails open); set Fail");
      } else if (
        (o.kind === "ValidatingWebhookConfiguration" ||
          o.kind === "MutatingWebhookConfiguration") &&
        groupOf(o.apiVersion) === "admissionregistration.k8s.io"
      ) {
        const name = o.metadata.name ?? "";
        if (!tagged(o) && !/kyverno|gatekeeper/.test(name)) continue;
        for (const h of objs(o.webhooks)) {
          if (h.failurePolicy === "Ignore")
            ctx.report(
              o,
              `webhook "${str(h.name) ?? ""}" has failurePolicy Ignore (fails open); set Fail`,
            );
        }
      }
    }
  },
});
