import { describe, expect, it } from "vitest";
import {
  deployment,
  failing,
  goodContainer,
  goodPodSpec,
  namespace,
  object,
  run,
} from "../_test-utils.ts";

const quota = [
  object("v1", "LimitRange", "web", "lr", { limits: [] }),
  object("v1", "ResourceQuota", "web", "rq", { hard: {} }),
];

describe("ZT-PSS-013 resources", () => {
  it("fails missing requests/limits and missing namespace objects", () => {
    const c = goodContainer({ resources: { requests: { cpu: "1" } } });
    expect(
      failing(
        run("ZT-PSS-013", [
          namespace("web"),
          deployment("web", "api", goodPodSpec({ containers: [c] })),
        ]),
      ),
    ).toEqual([
      'Namespace "web": has no LimitRange; add one',
      'Namespace "web": has no ResourceQuota; add one',
      'Deployment "api" (web): container "app" must set resources requests.memory, limits.memory (a LimitRange default is not explicit in Git)',
    ]);
  });

  it("passes explicit resources with LimitRange and ResourceQuota", () => {
    expect(run("ZT-PSS-013", [namespace("web"), deployment("web", "api"), ...quota])).toEqual([]);
  });
});
