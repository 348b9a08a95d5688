import { describe, expect, it } from "vitest";
import {
  deployment,
  exceptionAnnotations,
  namespace,
  object,
  privilegedPodSpec,
  report,
} from "../_test-utils.ts";
import { rules } from "../registry.ts";
import { renderSarif } from "./sarif.ts";
import { renderJson, renderMarkdown, renderText } from "./text.ts";

const priv = privilegedPodSpec();
const exceptedSvc = object(
  "v1",
  "Service",
  "web",
  "lb",
  { type: "LoadBalancer" },
  {
    annotations: exceptionAnnotations("ZT-NET-009"),
  },
);
const r = report([namespace("web"), deployment("web", "api", priv), exceptedSvc], {
  controls: ["ZT-PSS-004", "ZT-NET-009"],
});
const i = r.findings.findIndex((f) => f.control === "ZT-PSS-004");
r.findings[i] = { ...r.findings[i]!, source: { file: "overlays/web/deploy.yaml", line: 3 } };
const reports = [{ cluster: "prod-eu", report: r }];

describe("formats", () => {
  it("JSON has exactly the documented finding keys and measures by cluster", () => {
    const parsed = JSON.parse(renderJson(reports));
    expect(Object.keys(parsed)).toEqual(["findings", "measures"]);
    for (const f of parsed.findings) {
      expect(Object.keys(f)).toEqual([
        "control",
        "severity",
        "status",
        "apiVersion",
        "kind",
        "namespace",
        "name",
        "message",
        "source",
      ]);
    }
    expect(Object.keys(parsed.measures)).toEqual(["prod-eu"]);
  });

  it("text prints one line per finding with the object, the control and the source, then a summary", () => {
    const lines = renderText(reports).trim().split("\n");
    expect(lines[0]).toBe(
      'prod-eu: error ZT-NET-009 Service "lb" (web): is type LoadBalancer; use ClusterIP behind the shared gateway'.replace(
        "error ZT",
        "error (excepted) ZT",
      ),
    );
    expect(lines).toContain(
      'prod-eu: error ZT-PSS-004 Deployment "api" (web): container "app" is privileged; remove securityContext.privileged [overlays/web/deploy.yaml:3]',
    );
    expect(lines.at(-1)).toMatch(
      /^prod-eu: 1 errors, 0 warnings, 0 info, 1 excepted; default-deny 0% \(0\/1\)/,
    );
  });

  it("markdown has a summary row per cluster and the fix of each open finding", () => {
    const md = renderMarkdown(reports);
    expect(md).toContain("| prod-eu | 1 | 0 | 1 |");
    expect(md).toContain(rules["ZT-PSS-004"]?.fix);
  });

  it("SARIF 2.1.0 has the shape GitHub code scanning requires", () => {
    const log = renderSarif(reports, { fallbackUri: (c) => `clusters/${c}/cluster.yaml` });
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toMatch(/\S/);
    const ids = run.tool.driver.rules.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^ZT-[A-Z]+-\d{3}$/);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(["error", "warning", "note"]).toContain(rule.defaultConfiguration.level);
    }
    expect(run.results).toHaveLength(2);
    for (const res of run.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(["error", "warning", "note"]).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.locations).toHaveLength(1);
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/);
      if (loc.region) expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const [excepted, open] = run.results;
    expect(excepted?.suppressions?.[0]?.kind).toBe("external");
    expect(excepted?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      "clusters/prod-eu/cluster.yaml",
    );
    expect(open?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "overlays/web/deploy.yaml" },
      region: { startLine: 3 },
    });
    expect(JSON.parse(JSON.stringify(log))).toEqual(log);
  });
});

describe("markdown against a base branch", () => {
  it("lists new and resolved findings and the error delta", () => {
    const base = report([namespace("web"), exceptedSvc], {
      controls: ["ZT-PSS-004", "ZT-NET-009", "ZT-NET-001"],
    });
    const head = report(
      [
        namespace("web"),
        deployment("web", "api", priv),
        exceptedSvc,
        object("networking.k8s.io/v1", "NetworkPolicy", "web", "deny", {
          podSelector: {},
          policyTypes: ["Ingress"],
        }),
      ],
      { controls: ["ZT-PSS-004", "ZT-NET-009", "ZT-NET-001"] },
    );
    const md = renderMarkdown([{ cluster: "prod-eu", report: head }], {
      base: [{ cluster: "prod-eu", report: base }],
    });
    expect(md).toContain("| prod-eu | 1 | 0 | 1 |");
    expect(md).toContain("- **prod-eu**: 1 new, 1 resolved");
    expect(md).toContain(
      '  - new error ZT-PSS-004: Deployment "api" (web): container "app" is privileged; remove securityContext.privileged',
    );
    expect(md).toContain('  - resolved ZT-NET-001: Namespace "web"');
  });
});
