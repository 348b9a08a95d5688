import { rules } from "../registry.ts";
import type { PostureFinding, PostureReport } from "../types.ts";

/** The report of one rendered cluster, as the CLI and the bot assemble them. */
export interface ClusterReport {
  cluster: string;
  report: PostureReport;
}

/**
 * `{"findings": [...], "measures": {<cluster>: ...}}`: findings of every cluster in order, each with
 * exactly the keys control, severity, status, apiVersion, kind, namespace, name, message, source.
 */
export function renderJson(reports: readonly ClusterReport[]): string {
  const measures: Record<string, unknown> = {};
  for (const r of reports) measures[r.cluster] = r.report.measures;
  return `${JSON.stringify({ findings: reports.flatMap((r) => r.report.findings), measures }, null, 2)}\n`;
}

function where(f: PostureFinding): string {
  if (!f.source) return "";
  return ` [${f.source.file}${f.source.line ? `:${f.source.line}` : ""}]`;
}

/** One line per finding (cluster, severity, control, object, problem and fix, source), then a summary per cluster. */
export function renderText(reports: readonly ClusterReport[]): string {
  const lines: string[] = [];
  for (const { cluster, report } of reports) {
    for (const f of report.findings) {
      const status = f.status === "excepted" ? " (excepted)" : "";
      lines.push(`${cluster}: ${f.severity}${status} ${f.control} ${f.message}${where(f)}`);
    }
  }
  for (const { cluster, report } of reports) lines.push(summaryLine(cluster, report));
  return `${lines.join("\n")}\n`;
}

function counts(report: PostureReport): {
  errors: number;
  warnings: number;
  infos: number;
  excepted: number;
} {
  const open = report.findings.filter((f) => f.status === "fail");
  return {
    errors: open.filter((f) => f.severity === "error").length,
    warnings: open.filter((f) => f.severity === "warning").length,
    infos: open.filter((f) => f.severity === "info").length,
    excepted: report.findings.length - open.length,
  };
}

function pct(r: { ratio: number; passing: number; total: number }): string {
  return `${Math.round(r.ratio * 100)}% (${r.passing}/${r.total})`;
}

function summaryLine(cluster: string, report: PostureReport): string {
  const c = counts(report);
  const m = report.measures;
  return `${cluster}: ${c.errors} errors, ${c.warnings} warnings, ${c.infos} info, ${c.excepted} excepted; default-deny ${pct(m.defaultDenyCoverage)}, mTLS ${pct(m.mtlsCoverage)}, RBAC score ${m.rbacScore.score}, enforcement ${pct(m.enforcement)}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A job-summary: one table row per cluster, then per cluster the open findings by control. */
export function renderMarkdown(reports: readonly ClusterReport[]): string {
  const out = [
    "## Posture",
    "",
    "| cluster | errors | warnings | excepted | default-deny (ZT-M-001) | mTLS (ZT-M-002) | RBAC score (ZT-M-003) | enforcement (ZT-M-005) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { cluster, report } of reports) {
    const c = counts(report);
    const m = report.measures;
    out.push(
      `| ${cell(cluster)} | ${c.errors} | ${c.warnings} | ${c.excepted} | ${pct(m.defaultDenyCoverage)} | ${pct(m.mtlsCoverage)} | ${m.rbacScore.score} | ${pct(m.enforcement)} |`,
    );
  }
  for (const { cluster, report } of reports) {
    const open = report.findings.filter((f) => f.status === "fail" && f.severity !== "info");
    if (open.length === 0) continue;
    out.push(
      "",
      `<details><summary>${cell(cluster)}: ${open.length} open findings</summary>`,
      "",
      "| control | severity | finding | fix |",
      "|---|---|---|---|",
    );
    for (const f of open.slice(0, 200)) {
      out.push(
        `| ${f.control} | ${f.severity} | ${cell(f.message)} | ${cell(rules[f.control]?.fix ?? "")} |`,
      );
    }
    if (open.length > 200) out.push(`| … | | ${open.length - 200} more | |`);
    out.push("", "</details>");
  }
  return `${out.join("\n")}\n`;
}
