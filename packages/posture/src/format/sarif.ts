import type { Severity } from "@fleet-baseline/model";
import { rules } from "../registry.ts";
import type { ClusterReport } from "./text.ts";

/** The subset of SARIF 2.1.0 we emit (what GitHub code scanning reads). */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: { name: string; informationUri: string; rules: SarifRule[] } };
  results: SarifResult[];
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: {
    tags: string[];
    precision: string;
    "problem.severity": string;
    "security-severity": string;
  };
}

type SarifLevel = "error" | "warning" | "note";

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: "external"; justification: string }[];
}

/** GitHub's security severity (0–10) for the security tab: high, medium, low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.0", warning: "5.0", info: "2.0" };

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

/** FNV-1a, 32 bit, hex: a stable fingerprint without node:crypto. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export interface SarifOptions {
  /** The file a finding without source points to (e.g. `clusters/<name>/cluster.yaml`). */
  fallbackUri: (cluster: string) => string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its help, one result per finding located in
 * its source file (baselines/, overlays/, clusters/), excepted findings as external suppressions.
 */
export function renderSarif(reports: readonly ClusterReport[], options: SarifOptions): SarifLog {
  const list = Object.values(rules);
  const index = new Map(list.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  for (const { cluster, report } of reports) {
    for (const f of report.findings) {
      const uri = (f.source?.file ?? options.fallbackUri(cluster))
        .replace(/\\/g, "/")
        .replace(/^\.\//, "");
      const physicalLocation = f.source?.line
        ? { artifactLocation: { uri }, region: { startLine: f.source.line } }
        : { artifactLocation: { uri } };
      results.push({
        ruleId: f.control,
        ruleIndex: index.get(f.control) ?? -1,
        level: LEVEL[f.severity],
        message: { text: `[${cluster}] ${f.message}` },
        locations: [{ physicalLocation }],
        partialFingerprints: {
          "fleetBaselineFinding/v1": fnv1a(
            [cluster, f.control, f.apiVersion, f.kind, f.namespace, f.name, f.message].join("\0"),
          ),
        },
        ...(f.status === "excepted"
          ? {
              suppressions: [
                {
                  kind: "external" as const,
                  justification:
                    "fleet-baseline.io/exception-* annotations (owner, ticket, unexpired)",
                },
              ],
            }
          : {}),
      });
    }
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "fleet-baseline-posture",
            informationUri: "https://github.com/fleet-baseline/fleet-baseline#posture",
            rules: list.map((r) => ({
              id: r.id,
              name: r.title
                .replace(/[^A-Za-z0-9]+/g, " ")
                .trim()
                .split(" ")
                .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
                .join(""),
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.title}. Stage: ${r.stageNote}` },
              help: {
                text: r.fix,
                markdown: `**${r.id} ${r.title}**\n\nFix: ${r.fix}\n\nStage: ${r.stageNote}`,
              },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: {
                tags: ["security", "zero-trust", r.id.split("-")[1]?.toLowerCase() ?? ""],
                precision: "high",
                "problem.severity": r.severity === "info" ? "recommendation" : r.severity,
                "security-severity": SECURITY_SEVERITY[r.severity],
              },
            })),
          },
        },
        results,
      },
    ],
  };
}
