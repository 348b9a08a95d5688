import {
  type JsonValue,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  stringifyManifest,
} from "@fleet-baseline/model";
import { HIDDEN } from "./diff.ts";
import type { DriftChange, DriftReport } from "./types.ts";

/**
 * The JSON the CLI prints for one cluster: exactly `{drifted, changes}` (+ `notes` when kinds are
 * unserved or unreadable, or when the guard for unknown defaults downgraded live-only fields).
 */
export interface DriftJson {
  drifted: boolean;
  changes: Array<
    Pick<
      DriftChange,
      | "type"
      | "apiVersion"
      | "kind"
      | "namespace"
      | "name"
      | "path"
      | "desired"
      | "live"
      | "weakens"
    >
  >;
  notes?: string[];
}

export function toDriftJson(report: DriftReport): DriftJson {
  const json: DriftJson = {
    drifted: report.drifted,
    changes: report.changes.map((c) => ({
      type: c.type,
      apiVersion: c.apiVersion,
      kind: c.kind,
      namespace: c.namespace,
      name: c.name,
      path: c.path,
      desired: c.desired,
      live: c.live,
      weakens: c.weakens,
    })),
  };
  const notes = [...report.unserved.map(unservedNote), ...report.notes.map(defaultNote)];
  if (notes.length) json.notes = notes;
  return json;
}

function defaultNote(n: DriftReport["notes"][number]): string {
  const object = `${n.apiVersion} ${n.kind} ${n.namespace ? `${n.namespace}/` : ""}${n.name}`;
  const by = n.owners.length
    ? `owned only by trusted ${n.owners.join(", ")}`
    : "owned by no field manager";
  return `${object} ${n.path}: added in cluster, ${by}: taken as a server default, not drift`;
}

function unservedNote(u: DriftReport["unserved"][number]): string {
  if (u.reason === "forbidden") {
    return `${u.apiVersion} ${u.kind} cannot be read: RBAC forbids listing it (403 Forbidden): ${u.objects} object(s) not compared, extras not seen; grant the read-only ClusterRole fleet-baseline-drift-reader (baselines/rbac) to this identity`;
  }
  return `${u.apiVersion} ${u.kind} is not served by the cluster (CRD not installed?): ${u.objects} object(s) not compared`;
}

interface ObjectGroup {
  marker: string;
  title: string;
  changes: DriftChange[];
}

function groups(report: DriftReport): ObjectGroup[] {
  const out: ObjectGroup[] = [];
  for (const change of report.changes) {
    const title = `${change.apiVersion} ${change.kind} ${change.namespace ? `${change.namespace}/` : ""}${change.name}`;
    const marker = change.type === "missing" ? "-" : change.type === "extra" ? "+" : "~";
    const last = out[out.length - 1];
    if (last && last.title === title && last.marker === marker) last.changes.push(change);
    else out.push({ marker, title, changes: [change] });
  }
  const order: Record<string, number> = { "-": 0, "~": 1, "+": 2 };
  return out.sort((a, b) => (order[a.marker] ?? 0) - (order[b.marker] ?? 0));
}

function headline(cluster: string, report: DriftReport): string {
  const { missing, changed, extra } = report.summary;
  const objects = missing + changed + extra;
  if (!report.drifted)
    return `cluster ${cluster}: no drift (${report.summary.compared} objects compared)`;
  return `cluster ${cluster}: drift in ${objects} object${objects === 1 ? "" : "s"} (${missing} missing, ${changed} changed, ${extra} extra)`;
}

function tags(change: DriftChange): string {
  const by = change.changedBy;
  const who = by ? `  (${by.manager}${by.time ? `, ${by.time}` : ""})` : "";
  return `${change.weakens.length ? `  [weakens ${change.weakens.join(", ")}]` : ""}${who}`;
}

function valueLines(value: JsonValue, prefix: string): string[] {
  if (value === null) return [`${prefix} (absent)`];
  const text =
    typeof value === "object" ? stringifyManifest(value).trimEnd() : JSON.stringify(value);
  return text.split("\n").map((line) => `${prefix} ${line}`);
}

/**
 * Human diff in the style of `kubectl diff`: one block per object, `-` for git's value and `+`
 * for the cluster's. Secret values read `value differs (hidden)`.
 */
export function formatText(cluster: string, report: DriftReport): string {
  const lines = [headline(cluster, report)];
  for (const group of groups(report)) {
    lines.push("", `${group.marker} ${group.title}`);
    for (const change of group.changes) {
      if (change.type === "missing") lines.push(`    missing in cluster${tags(change)}`);
      else if (change.type === "extra") {
        lines.push(
          `    in cluster with ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}, not in git${tags(change)}`,
        );
      } else if (change.desired === HIDDEN || change.live === HIDDEN) {
        lines.push(
          `    ${change.path}: ${change.live === null ? "missing in cluster" : change.desired === null ? "added in cluster" : "value differs"} (hidden)${tags(change)}`,
        );
      } else {
        lines.push(`    ${change.path}:${tags(change)}`);
        lines.push(...valueLines(change.desired, "      -"), ...valueLines(change.live, "      +"));
      }
    }
  }
  for (const u of report.unserved) lines.push("", `! ${unservedNote(u)}`);
  for (const n of report.notes) lines.push("", `note: ${defaultNote(n)}`);
  return `${lines.join("\n")}\n`;
}

function cell(value: JsonValue): string {
  if (value === null) return "";
  const text = value === HIDDEN ? "(hidden)" : JSON.stringify(value);
  return `\`${text.replaceAll("|", "\\|").replaceAll("`", "'")}\``;
}

/** Markdown for PR comments: a headline and one table row per change. */
export function formatMarkdown(cluster: string, report: DriftReport): string {
  const lines = [`### ${headline(cluster, report)}`];
  if (report.changes.length) {
    lines.push("", "| | object | path | git | cluster | weakens |", "|---|---|---|---|---|---|");
    for (const c of report.changes) {
      const object = `${c.kind} \`${c.namespace ? `${c.namespace}/` : ""}${c.name}\``;
      lines.push(
        `| ${c.type} | ${object} | ${c.path ? `\`${c.path}\`` : ""} | ${cell(c.desired)} | ${cell(c.live)} | ${c.weakens.join(", ")} |`,
      );
    }
  }
  for (const u of report.unserved) lines.push("", `> ${unservedNote(u)}`);
  for (const n of report.notes) lines.push("", `> note: ${defaultNote(n)}`);
  return `${lines.join("\n")}\n`;
}
