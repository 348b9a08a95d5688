import { describe, expect, it } from "vitest";
import { deployment, failing, goodPodSpec, namespace, run } from "../_test-utils.ts";

describe("ZT-ADM-007 ownership and stage metadata", () => {
  it("flags missing owner, missing/invalid stage and unlabelled workloads", () => {
    const objs = [
      namespace("a"),
      namespace(
        "b",
        { "fleet-baseline.io/owner": "t" },
        { "fleet-baseline.io/rollout-stage": "enforcing" },
      ),
      deployment("b", "api", goodPodSpec(), { labels: {} }),
    ];
    expect(failing(run("ZT-ADM-007", objs))).toEqual([
      'Namespace "a": has no fleet-baseline.io/owner label',
      'Namespace "a": has no fleet-baseline.io/rollout-stage annotation (observe, audit or enforce)',
      'Namespace "b": fleet-baseline.io/rollout-stage "enforcing" is not observe, audit or enforce (treated as enforce)',
      'Deployment "api" (b): has no app.kubernetes.io/name, fleet-baseline.io/owner labels',
    ]);
  });

  it("passes complete metadata", () => {
    expect(
      run("ZT-ADM-007", [
        namespace(
          "b",
          { "fleet-baseline.io/owner": "t" },
          { "fleet-baseline.io/rollout-stage": "audit" },
        ),
        deployment("b", "api"),
      ]),
    ).toEqual([]);
  });
});
