import { isJsonObject } from "@fleet-baseline/model";
import { parseAllDocuments } from "yaml";
import { FALCO_STAGE, falcoDaemonSets, mountedConfigMaps } from "../_falco.ts";
import { obj } from "../_util.ts";
import { defineRule } from "../rule.ts";

const PRIORITIES = [
  "EMERGENCY",
  "ALERT",
  "CRITICAL",
  "ERROR",
  "WARNING",
  "NOTICE",
  "INFORMATIONAL",
  "INFO",
  "DEBUG",
];
const REQUIRED = ["rule", "desc", "condition", "output", "priority"];

/** Parsed rules files by text: every cluster of a fleet mounts the same baseline rules. */
const PARSED = new Map<string, unknown[] | undefined>();

function parseRules(text: string): unknown[] | undefined {
  if (PARSED.has(text)) return PARSED.get(text);
  const docs = parseAllDocuments(text);
  const value =
    !Array.isArray(docs) || docs.some((d) => d.errors.length > 0)
      ? undefined
      : docs.map((d) => d.toJS() as unknown);
  if (PARSED.size > 64) PARSED.clear();
  PARSED.set(text, value);
  return value;
}

export const ztRun002 = defineRule({
  id: "ZT-RUN-002",
  title: "Baseline Falco rules active",
  severity: "error",
  fix: "Keep every rule enabled at priority WARNING or above with k8s.ns.name and k8s.pod.name in its output; add owned exceptions instead of disabling.",
  ...FALCO_STAGE,
  check(ctx) {
    const c = ctx.cluster;
    const all = c.objects;
    const wanted = new Set(
      falcoDaemonSets(all).flatMap((ds) =>
        mountedConfigMaps(ds).map((n) => `${ds.metadata.namespace ?? ""}/${n}`),
      ),
    );
    for (const cm of c.ofKind("ConfigMap", "")) {
      const key = `${cm.metadata.namespace ?? ""}/${cm.metadata.name ?? ""}`;
      if (
        !wanted.has(key) &&
        !(cm.metadata.namespace === "falco" && /rules/.test(cm.metadata.name ?? ""))
      )
        continue;
      for (const [file, text] of Object.entries(obj(cm.data))) {
        if (typeof text !== "string" || !/\.ya?ml$/.test(file)) continue;
        const parsed = parseRules(text);
        if (parsed === undefined) {
          ctx.report(cm, `${file} is not valid YAML`);
          continue;
        }
        for (const items of parsed) {
          if (!Array.isArray(items)) continue;
          for (const item of items) {
            if (!isJsonObject(item) || typeof item.rule !== "string") continue;
            const name = item.rule;
            const isOverride = item.override !== undefined || item.append === true;
            if (!isOverride) {
              const missing = REQUIRED.filter((k) => item[k] === undefined);
              if (missing.length)
                ctx.report(cm, `${file}: rule "${name}" lacks ${missing.join(", ")}`);
            }
            if (item.enabled === false)
              ctx.report(cm, `${file}: rule "${name}" is disabled; add an owned exception instead`);
            const pri = typeof item.priority === "string" ? item.priority.toUpperCase() : undefined;
            if (pri !== undefined && PRIORITIES.indexOf(pri) > PRIORITIES.indexOf("WARNING"))
              ctx.report(
                cm,
                `${file}: rule "${name}" has priority ${item.priority}, below WARNING`,
              );
            if (
              typeof item.output === "string" &&
              !isOverride &&
              (!item.output.includes("k8s.ns.name") || !item.output.includes("k8s.pod.name"))
            ) {
              ctx.report(cm, `${file}: rule "${name}" output lacks k8s.ns.name and k8s.pod.name`);
            }
            for (const e of Array.isArray(item.exceptions) ? item.exceptions : []) {
              const values = obj(e).values;
              if (
                Array.isArray(values) &&
                values.some((v) => v === "*" || (Array.isArray(v) && v.includes("*")))
              ) {
                ctx.report(cm, `${file}: rule "${name}" has an exception matching everything`);
              }
            }
          }
        }
      }
    }
  },
});
