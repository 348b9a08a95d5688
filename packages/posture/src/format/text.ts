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

/** Open findings of `head` that `base` lacks (added) and of `base` that `head` lacks (resolved). */
export function compareFindings(
  base: readonly PostureFinding[],
  head: readonly PostureFinding[],
): { added: PostureFinding[]; resolved: PostureFinding[] } {
  const key = (f: PostureFinding) =>
    [f.control, f.apiVersion, f.kind, f.namespace, f.name, f.message].join("\0");
  const open = (list: readonly PostureFinding[]) =>
    list.filter((f) => f.status === "fail" && f.severity !== "info");
  const baseKeys = new Set(open(base).map(key));
  const headKeys = new Set(open(head).map(key));
  return {
    added: open(head).filter((f) => !baseKeys.has(key(f))),
    resolved: open(base).filter((f) => !headKeys.has(key(f))),
  };
}

export interface MarkdownOptions {
  /** Reports of the base branch: adds what changed (new and resolved findings, score deltas). */
  base?: readonly ClusterReport[];
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function delta(head: number, base: number | undefined, digits = 0): string {
  if (base === undefined) return "";
  const d = Math.round((head - base) * 10 ** digits) / 10 ** digits;
  return d === 0 ? "" : ` (${d > 0 ? "+" : ""}${d})`;
}

/**
 * A job summary: one table row per cluster (with deltas against `base` when given), what changed
 * against the base branch, then per cluster the open findings with their fix.
 */
export function renderMarkdown(
  reports: readonly ClusterReport[],
  options: MarkdownOptions = {},
): string {
  const base = new Map((options.base ?? []).map((r) => [r.cluster, r.report]));
  const out = [
    "## Posture",
    "",
    "| cluster | errors | warnings | excepted | default-deny (ZT-M-001) | mTLS (ZT-M-002) | RBAC score (ZT-M-003) | enforcement (ZT-M-005) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { cluster, report } of reports) {
    const c = counts(report);
    const m = report.measures;
    const b = base.get(cluster);
    const bc = b ? counts(b) : undefined;
    const bm = b?.measures;
    const pctDelta = (r: { ratio: number }, br: { ratio: number } | undefined) =>
      `${delta(r.ratio * 100, br === undefined ? undefined : br.ratio * 100)}`;
    out.push(
      `| ${cell(cluster)} | ${c.errors}${delta(c.errors, bc?.errors)} | ${c.warnings}${delta(c.warnings, bc?.warnings)} | ${c.excepted}${delta(c.excepted, bc?.excepted)} | ${pct(m.defaultDenyCoverage)}${pctDelta(m.defaultDenyCoverage, bm?.defaultDenyCoverage)} | ${pct(m.mtlsCoverage)}${pctDelta(m.mtlsCoverage, bm?.mtlsCoverage)} | ${m.rbacScore.score}${delta(m.rbacScore.score, bm?.rbacScore.score, 4)} | ${pct(m.enforcement)}${pctDelta(m.enforcement, bm?.enforcement)} |`,
    );
  }
  if (options.base) {
    out.push("", "### Changes against the base branch", "");
    let any = false;
    for (const { cluster, report } of reports) {
      const { added, resolved } = compareFindings(
        base.get(cluster)?.findings ?? [],
        report.findings,
      );
      if (added.length === 0 && resolved.length === 0) continue;
      any = true;
      out.push(`- **${cell(cluster)}**: ${added.length} new, ${resolved.length} resolved`);
      for (const f of added.slice(0, 50))
        out.push(`  - new ${f.severity} ${f.control}: ${cell(f.message)}`);
      for (const f of resolved.slice(0, 20))
        out.push(`  - resolved ${f.control}: ${cell(f.message)}`);
    }
    if (!any) out.push("No finding changed.");
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
