import { groupOf, type KubeObject, type Severity, type Stage } from "@fleet-baseline/model";
import { isImageValidatingPolicy, isKyvernoPolicy, kyvernoRules } from "../_admission.ts";
import { patternCoversPrefix } from "../_images.ts";
import { clusterRef } from "../_refs.ts";
import { obj, objs, str, strs } from "../_util.ts";
import { defineRule } from "../rule.ts";

/** Severity of the missing-coverage finding per cluster stage (errors block only in enforce). */
const STAGE_SEVERITY: Record<Stage, Severity> = {
  observe: "info",
  audit: "warning",
  enforce: "error",
};

interface Verifier {
  object: KubeObject;
  patterns: string[];
  problems: string[];
}

export const ztAdm006 = defineRule({
  id: "ZT-ADM-006",
  title: "Signature verification covers every approved registry",
  severity: "error",
  fix: "Add Kyverno verifyImages (or an ImageValidatingPolicy) in Enforce with attestors, whose imageReferences cover every approved registry.",
  stage: "custom",
  stageNote:
    "A verifier counts as enforcing only when its own stage is enforce; observe/audit verifiers do not cover a registry. A verifier's problems take its own stage, the missing-coverage finding the cluster's (its furthest tenant namespace): observe → info, audit → warning.",
  check(ctx) {
    const c = ctx.cluster;
    const verifiers: Verifier[] = [];
    for (const { object: o } of c.entries) {
      const enforceStage = c.stageOf(o) === "enforce";
      if (isKyvernoPolicy(o)) {
        for (const rule of kyvernoRules(o)) {
          for (const v of objs(rule.verifyImages)) {
            const patterns = [
              ...strs(v.imageReferences),
              ...(str(v.image) ? [str(v.image) ?? ""] : []),
            ];
            const problems: string[] = [];
            if (objs(v.attestors).length === 0 && objs(v.attestations).length === 0)
              problems.push(`rule "${str(rule.name) ?? ""}" verifies with no attestors`);
            const action = (
              str(v.failureAction) ??
              str(obj(o.spec).validationFailureAction) ??
              "Enforce"
            ).toLowerCase();
            if (action !== "enforce" || !enforceStage)
              problems.push(`rule "${str(rule.name) ?? ""}" does not verify in Enforce`);
            verifiers.push({ object: o, patterns, problems });
          }
        }
      } else if (isImageValidatingPolicy(o)) {
        const spec = obj(o.spec);
        const problems: string[] = [];
        if (objs(spec.attestors).length === 0) problems.push("has no attestors");
        if (!strs(spec.validationActions).includes("Deny") || !enforceStage)
          problems.push("does not verify with validationActions [Deny]");
        verifiers.push({
          object: o,
          patterns: objs(spec.matchImageReferences).map((m) => str(m.glob) ?? ""),
          problems,
        });
      } else if (
        o.kind === "ClusterImagePolicy" &&
        groupOf(o.apiVersion) === "policy.sigstore.dev"
      ) {
        const spec = obj(o.spec);
        const problems: string[] = [];
        if (objs(spec.authorities).length === 0) problems.push("has no authorities");
        if ((str(spec.mode) ?? "enforce") !== "enforce" || !enforceStage)
          problems.push("is not in enforce mode");
        verifiers.push({
          object: o,
          patterns: objs(spec.images).map((i) => str(i.glob) ?? ""),
          problems,
        });
      }
    }
    for (const v of verifiers) {
      const severity = STAGE_SEVERITY[c.stageOf(v.object)];
      for (const p of v.problems) ctx.report(v.object, p, { severity });
    }
    const good = verifiers.filter((v) => v.problems.length === 0);
    const uncovered = ctx.config.approvedRegistries.filter(
      (r) => !good.some((v) => v.patterns.some((p) => patternCoversPrefix(p, r))),
    );
    if (uncovered.length)
      ctx.report(
        clusterRef(c.name),
        `no enforcing signature verification covers approved registries [${uncovered.join(", ")}]`,
        { severity: STAGE_SEVERITY[c.clusterStage()] },
      );
  },
});
