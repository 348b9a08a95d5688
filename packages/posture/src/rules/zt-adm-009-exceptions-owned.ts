import { groupOf } from "@fleet-baseline/model";
import { obj, objs, str, strs } from "../_util.ts";
import { EXCEPTION_PROBLEM_TEXT, exceptionProblems, readException } from "../exceptions.ts";
import { defineRule } from "../rule.ts";

export const ztAdm009 = defineRule({
  id: "ZT-ADM-009",
  title: "Exceptions are owned, scoped and expiring",
  severity: "error",
  fix: "Give every exception fleet-baseline.io/exception-controls, -owner, -ticket and a future -expires; Kyverno PolicyExceptions name policies, rules and resources.",
  stage: "none",
  stageNote: "Unchanged: an exception is judged the same in every stage.",
  check(ctx) {
    for (const { object: o } of ctx.cluster.entries) {
      const isKyvernoException =
        o.kind === "PolicyException" && groupOf(o.apiVersion) === "kyverno.io";
      const meta = readException(o.metadata.annotations);
      if (meta) {
        for (const p of exceptionProblems(meta, ctx.now)) {
          ctx.report(
            o,
            p === "expired"
              ? `the exception expired on ${meta.expires}; renew it with a new ticket or remove it`
              : EXCEPTION_PROBLEM_TEXT[p],
            { exceptable: false },
          );
        }
      } else if (isKyvernoException) {
        ctx.report(
          o,
          "carries no fleet-baseline.io/exception-* annotations (owner, ticket, controls, expires)",
          { exceptable: false },
        );
      }
      if (!isKyvernoException) continue;
      const spec = obj(o.spec);
      for (const e of objs(spec.exceptions)) {
        if (str(e.policyName) === "*" || strs(e.ruleNames).includes("*"))
          ctx.report(o, "excepts every policy or rule (`*`); name them", { exceptable: false });
      }
      const m = obj(spec.match);
      for (const f of [...objs(m.any), ...objs(m.all)]) {
        const names = strs(obj(f.resources).names);
        if (names.length === 0 || names.some((n) => n === "*"))
          ctx.report(o, "matches resources without naming them; list resources.names", {
            exceptable: false,
          });
      }
    }
  },
});
