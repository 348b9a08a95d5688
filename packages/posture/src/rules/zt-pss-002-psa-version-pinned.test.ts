import { describe, expect, it } from "vitest";
import { failing, namespace, run } from "../_test-utils.ts";

const v = (version?: string) =>
  namespace("web", version ? { "pod-security.kubernetes.io/enforce-version": version } : {});

describe("ZT-PSS-002 PSA version pinned", () => {
  it("fails missing, latest, malformed and too-old versions", () => {
    expect(failing(run("ZT-PSS-002", [v()]))[0]).toMatch(/has no/);
    expect(failing(run("ZT-PSS-002", [v("latest")]))[0]).toMatch(/latest/);
    expect(failing(run("ZT-PSS-002", [v("1.31")]))[0]).toMatch(/not vMAJOR.MINOR/);
    expect(failing(run("ZT-PSS-002", [v("v1.29")]))[0]).toMatch(
      /older than the fleet minimum v1.30/,
    );
  });

  it("passes a pinned version at or above the minimum (numeric, not lexical)", () => {
    expect(run("ZT-PSS-002", [v("v1.30")])).toEqual([]);
    expect(
      run("ZT-PSS-002", [v("v1.31")], {
        config: { podSecurity: { version: "v1.31", minimumVersion: "v1.9" } },
      }),
    ).toEqual([]);
  });
});
