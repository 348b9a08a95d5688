import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-007 capabilities dropped", () => {
  it("fails dropping only NET_RAW and adding SYS_ADMIN", () => {
    const c = goodContainer({
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["NET_RAW"], add: ["SYS_ADMIN", "NET_BIND_SERVICE"] },
      },
    });
    expect(
      failing(run("ZT-PSS-007", [deployment("web", "api", goodPodSpec({ containers: [c] }))])),
    ).toEqual([
      'Deployment "api" (web): container "app" adds capabilities SYS_ADMIN; only NET_BIND_SERVICE is allowed',
      'Deployment "api" (web): container "app" must drop ALL capabilities (securityContext.capabilities.drop: [ALL])',
    ]);
  });

  it("passes drop ALL with NET_BIND_SERVICE added", () => {
    const c = goodContainer({
      securityContext: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } },
    });
    expect(run("ZT-PSS-007", [deployment("web", "api", goodPodSpec({ containers: [c] }))])).toEqual(
      [],
    );
  });
});
