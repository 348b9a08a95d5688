import { createHash } from "node:crypto";

/** GitHub refuses bodies over 65,536 characters; stay well below, as Renovate does (58,000). */
export const DEFAULT_BODY_LIMIT = 60_000;

/** Version of the hidden marker; bump when its fields change meaning. */
export const MARKER_VERSION = 1;
const MARKER_RE = /<!-- fleet-baseline:pr v(\d+) (\{.*?\}) -->/s;

/** What the bot records in each PR body and reads back on the next run. */
export interface PrMarker {
  v: number;
  cluster: string;
  /** Base branch commit the bot built on. */
  base: string;
  /** SHA of the tree at the cluster's path on that base ("" when the path did not exist). */
  baseTree: string;
  /** SHA of the desired tree (the rendered files). */
  tree: string;
  /** The bot's commit at the head of the branch. */
  head: string;
  /** Hash of everything the body is computed from (see `bodyKey`). */
  key: string;
  /** Labels the bot has set, so that one a person removes is not added again. */
  labels: string[];
  /** Set when the bot closed the PR itself (a person's close snoozes until the desired state changes). */
  closedBy?: "bot";
}

export function formatMarker(marker: PrMarker): string {
  // "--" may not appear inside an HTML comment: escape it the JSON way, which parses back as is.
  const json = JSON.stringify(marker).replace(/-(?=-)/g, "\\u002d");
  return `<!-- fleet-baseline:pr v${marker.v} ${json} -->`;
}

/** The marker of a body, or undefined when there is none or it is from an unknown version. */
export function parseMarker(body: string): PrMarker | undefined {
  const match = MARKER_RE.exec(body);
  if (!match || Number(match[1]) !== MARKER_VERSION) return undefined;
  try {
    const value = JSON.parse(match[2] as string) as PrMarker;
    if (typeof value.head !== "string" || typeof value.tree !== "string") return undefined;
    return { ...value, labels: Array.isArray(value.labels) ? value.labels : [] };
  } catch {
    return undefined;
  }
}

/** One object (file) the PR adds, changes or removes. */
export interface ObjectChange {
  change: "added" | "changed" | "removed";
  path: string;
  kind: string;
  namespace: string;
  name: string;
  /** Unified diff, Secret values already masked; undefined when not computed (cap reached). */
  diff: string | undefined;
}

/** A posture finding as the bot needs it (from `fleet-baseline posture --format json`). */
export interface PostureFindingLite {
  control: string;
  severity?: string;
  status?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

/** Posture of the cluster before (base) and after (this PR), when known. */
export interface PostureDelta {
  before?: PostureFindingLite[] | undefined;
  after: PostureFindingLite[];
}

/** Drift found on the live cluster (from `fleet-baseline drift --format json`). */
export interface DriftSummary {
  drifted: boolean;
  changes: {
    type: string;
    apiVersion?: string;
    kind: string;
    namespace?: string;
    name: string;
    path?: string;
    weakens?: string[];
  }[];
}

export interface BodyInput {
  cluster: string;
  repository: string;
  branch: string;
  base: string;
  path: string;
  changes: ObjectChange[];
  posture?: PostureDelta | undefined;
  drift?: DriftSummary | undefined;
  /** Monorepo commit the render came from, when known. */
  source?: string | undefined;
  limit?: number;
}

const esc = (s: string) => s.replace(/[|<>]/g, (c) => `&#${c.charCodeAt(0)};`);

function objectLabel(c: { kind: string; namespace: string; name: string }): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ""}${c.name}`;
}

function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

/** A collapsible section holding one object's diff, fences balanced whatever the content. */
function diffBlock(c: ObjectChange, diff: string, cut = false): string {
  const fence = fenceFor(diff);
  const note = cut ? "\n\n_(diff cut to fit the pull request body)_" : "";
  return (
    `<details><summary>${c.change} ${esc(objectLabel(c))} <code>${esc(c.path)}</code></summary>\n\n` +
    `${fence}diff\n${diff.endsWith("\n") ? diff : `${diff}\n`}${fence}${note}\n\n</details>\n`
  );
}

function summaryTable(changes: ObjectChange[]): string {
  const rows = new Map<string, number>();
  for (const c of changes) {
    const key = `${c.change}\0${c.kind}\0${c.namespace}`;
    rows.set(key, (rows.get(key) ?? 0) + 1);
  }
  const order = { added: 0, changed: 1, removed: 2 } as Record<string, number>;
  const sorted = [...rows.entries()].sort(([a], [b]) => {
    const [ca, ka, na] = a.split("\0") as [string, string, string];
    const [cb, kb, nb] = b.split("\0") as [string, string, string];
    return (
      (order[ca] as number) - (order[cb] as number) || ka.localeCompare(kb) || na.localeCompare(nb)
    );
  });
  const lines = ["| change | kind | namespace | objects |", "| --- | --- | --- | ---: |"];
  const shown = sorted.slice(0, 60);
  for (const [key, count] of shown) {
    const [change, kind, ns] = key.split("\0") as [string, string, string];
    lines.push(`| ${change} | ${esc(kind)} | ${ns ? esc(ns) : "_(cluster)_"} | ${count} |`);
  }
  if (sorted.length > shown.length)
    lines.push(`| … | ${sorted.length - shown.length} more rows | | |`);
  return lines.join("\n");
}

function findingKey(f: PostureFindingLite): string {
  return `${f.control} ${f.kind ?? ""} ${f.namespace ? `${f.namespace}/` : ""}${f.name ?? ""}`.trim();
}

function failing(list: PostureFindingLite[]): PostureFindingLite[] {
  return list.filter((f) => (f.status ?? "fail") === "fail");
}

function postureSection(p: PostureDelta): string {
  const after = failing(p.after);
  const lines = ["### Posture", ""];
  if (!p.before) {
    lines.push(`${after.length} failing finding(s) on the rendered state.`);
  } else {
    const before = new Set(failing(p.before).map(findingKey));
    const now = new Set(after.map(findingKey));
    const added = [...now].filter((k) => !before.has(k)).sort();
    const resolved = [...before].filter((k) => !now.has(k)).sort();
    lines.push(
      `${before.size} → ${now.size} failing finding(s): ${added.length} new, ${resolved.length} resolved.`,
    );
    for (const k of added.slice(0, 20)) lines.push(`- new: \`${k}\``);
    for (const k of resolved.slice(0, 20)) lines.push(`- resolved: \`${k}\``);
    const more = Math.max(0, added.length - 20) + Math.max(0, resolved.length - 20);
    if (more) lines.push(`- … and ${more} more`);
  }
  return `${lines.join("\n")}\n`;
}

function driftSection(d: DriftSummary): string {
  const lines = ["### Drift", ""];
  if (!d.drifted || d.changes.length === 0) {
    lines.push("No drift found on the live cluster.");
  } else {
    const weakening = d.changes.filter((c) => (c.weakens ?? []).length > 0).length;
    lines.push(
      `${d.changes.length} drifted field(s) on the live cluster${weakening ? `, ${weakening} weakening a control` : ""}; merging this pull request restores the rendered state.`,
      "",
      "| type | object | path | weakens |",
      "| --- | --- | --- | --- |",
    );
    for (const c of d.changes.slice(0, 40)) {
      lines.push(
        `| ${esc(c.type)} | ${esc(objectLabel({ kind: c.kind, namespace: c.namespace ?? "", name: c.name }))} | ${c.path ? `\`${esc(c.path)}\`` : ""} | ${esc((c.weakens ?? []).join(", "))} |`,
      );
    }
    if (d.changes.length > 40) lines.push(`| … | ${d.changes.length - 40} more | | |`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The PR body: a summary, optional posture and drift sections, then one collapsible diff per
 * object, cut to `limit` characters (with the marker) so that fences and `<details>` stay
 * balanced, and a note of what was cut. The marker is appended by the caller through `withMarker`.
 */
export function renderBody(input: BodyInput, markerLength: number): string {
  const limit = input.limit ?? DEFAULT_BODY_LIMIT;
  const added = input.changes.filter((c) => c.change === "added").length;
  const changed = input.changes.filter((c) => c.change === "changed").length;
  const removed = input.changes.filter((c) => c.change === "removed").length;
  const where = input.path ? `\`${input.path}/\`` : "the repository root";
  const head = [
    `## fleet-baseline: cluster \`${input.cluster}\``,
    "",
    `Newly rendered manifests for ${where} of \`${input.repository}\` (base \`${input.base}\`)${input.source ? `, from fleet commit \`${input.source.slice(0, 12)}\`` : ""}.`,
    `**${added} added, ${changed} changed, ${removed} removed.**`,
    "",
    summaryTable(input.changes),
    "",
  ].join("\n");
  const sections = [head];
  if (input.posture) sections.push(postureSection(input.posture));
  if (input.drift) sections.push(driftSection(input.drift));
  const footer =
    "\n---\nOpened by fleet-baseline. The bot updates this pull request in place; it stops if someone else pushes to its branch.\n";
  let body = `${sections.join("\n")}\n### Changes\n\n`;
  const reserve = footer.length + markerLength + 400;
  const blocks = input.changes.map((c) =>
    c.diff === undefined ? undefined : { c, text: diffBlock(c, c.diff) },
  );
  let shown = 0;
  let cutAt = -1;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block) continue;
    if (body.length + block.text.length + reserve <= limit) {
      body += block.text;
      shown++;
      continue;
    }
    // Fit what part of this diff we can, whole lines only, then stop.
    const room = limit - reserve - body.length - diffBlock(block.c, "", true).length;
    if (room > 200) {
      let part = block.c.diff?.slice(0, room) ?? "";
      part = part.slice(0, part.lastIndexOf("\n") + 1);
      body += diffBlock(block.c, part, true);
      shown++;
    }
    cutAt = i;
    break;
  }
  const withDiff = blocks.filter(Boolean).length;
  const notDiffed = input.changes.length - withDiff;
  const notes: string[] = [];
  if (cutAt >= 0) {
    const omitted = blocks.slice(cutAt + 1).filter(Boolean).length;
    notes.push(
      `✂️ The pull request body was cut to fit GitHub's limit: ${omitted} more object diff(s) are not shown; see the "Files changed" tab.`,
    );
  }
  if (notDiffed > 0) {
    notes.push(
      `${notDiffed} object(s) are listed without a diff (too many to read back); see the "Files changed" tab.`,
    );
  }
  if (notes.length) body += `\n> ${notes.join("\n> ")}\n`;
  if (shown === 0 && withDiff === 0 && input.changes.length === 0) body += "_No object changes._\n";
  return body + footer;
}

/** The body GitHub gets: rendered text plus the marker on its last line. */
export function withMarker(body: string, marker: PrMarker): string {
  return `${body}${formatMarker(marker)}\n`;
}

/** Hash of the inputs a body is computed from; equal hashes mean the body need not be rebuilt. */
export function bodyKey(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
}
