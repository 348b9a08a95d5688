import { DEFAULT_FLEET_CONFIG, parseManifests } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import {
  deployment,
  exceptionAnnotations,
  NOW,
  namespace,
  privilegedPodSpec,
  report,
} from "./_test-utils.ts";
import { checkPosture } from "./check.ts";

const exception = (controls: string, expires = "2027-01-01") =>
  exceptionAnnotations(controls, { owner: "team-web", ticket: "SEC-7", expires });
const priv = privilegedPodSpec();

describe("checkPosture", () => {
  it("accepts parsed manifests and carries their source into findings", () => {
    const text =
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\n  namespace: web\nspec:\n  type: LoadBalancer\n";
    const got = checkPosture(parseManifests(text, "overlays/web/svc.yaml"), {
      config: DEFAULT_FLEET_CONFIG,
      now: NOW,
      controls: ["ZT-NET-009"],
    });
    expect(got.findings).toEqual([
      {
        control: "ZT-NET-009",
        severity: "error",
        status: "fail",
        apiVersion: "v1",
        kind: "Service",
        namespace: "web",
        name: "lb",
        message:
          'Service "lb" (web): is type LoadBalancer; use ClusterIP behind the shared gateway',
        source: { file: "overlays/web/svc.yaml", line: 1 },
      },
    ]);
  });

  it("waives a finding by an exception on the object's Namespace, until it expires", () => {
    const objs = (expires: string) => [
      namespace("web", {}, exception("ZT-PSS-004", expires)),
      deployment("web", "api", priv),
    ];
    expect(
      report(objs("2027-01-01"), { controls: ["ZT-PSS-004"] }).findings.map((f) => f.status),
    ).toEqual(["excepted"]);
    expect(
      report(objs("2026-11-22"), { controls: ["ZT-PSS-004"] }).findings.map((f) => f.status),
    ).toEqual(["fail"]);
  });

  it("does not waive other controls than the ones listed", () => {
    const objs = [deployment("web", "api", priv, { annotations: exception("ZT-PSS-005") })];
    expect(report(objs, { controls: ["ZT-PSS-004"] }).findings.map((f) => f.status)).toEqual([
      "fail",
    ]);
  });

  it("downgrades stage-aware findings: observe → info, audit → warning, absent → enforce", () => {
    const sev = (stage?: string) =>
      report(
        [
          namespace("web", {}, stage ? { "fleet-baseline.io/rollout-stage": stage } : {}),
          deployment("web", "api", priv),
        ],
        { controls: ["ZT-PSS-004"] },
      ).findings.map((f) => f.severity);
    expect(sev("observe")).toEqual(["info"]);
    expect(sev("audit")).toEqual(["warning"]);
    expect(sev()).toEqual(["error"]);
    expect(sev("bogus")).toEqual(["error"]);
  });

  it("is deterministic whatever the input order", () => {
    const objs = [
      namespace("b"),
      namespace("a"),
      deployment("a", "x", priv),
      deployment("b", "y", priv),
    ];
    const one = report(objs).findings;
    const two = report([...objs].reverse()).findings;
    expect(two).toEqual(one);
    expect(one.length).toBeGreaterThan(10);
  });

  it("rejects an unknown control id", () => {
    expect(() => report([], { controls: ["ZT-NOPE-001"] })).toThrow(/unknown control/);
  });
});
