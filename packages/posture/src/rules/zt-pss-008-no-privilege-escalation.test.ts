import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-008 allowPrivilegeEscalation false", () => {
  it("fails unset on an init container (unset means true)", () => {
    const init = goodContainer({
      name: "init",
      securityContext: { capabilities: { drop: ["ALL"] } },
    });
    expect(
      failing(
        run("ZT-PSS-008", [deployment("web", "api", goodPodSpec({ initContainers: [init] }))]),
      ),
    ).toEqual([
      'Deployment "api" (web): init container "init" leaves allowPrivilegeEscalation unset (= true); set it to false',
    ]);
  });

  it("passes explicit false everywhere", () => {
    expect(run("ZT-PSS-008", [deployment("web", "api")])).toEqual([]);
  });
});
