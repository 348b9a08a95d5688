import { describe, expect, it } from "vitest";
import { failing, namespace, run } from "../_test-utils.ts";

describe("ZT-PSS-003 audit and warn at restricted", () => {
  it("fails each of audit and warn that is not restricted", () => {
    const ns = namespace("web", { "pod-security.kubernetes.io/audit": "baseline" });
    expect(failing(run("ZT-PSS-003", [ns]))).toEqual([
      'Namespace "web": pod-security.kubernetes.io/audit is "baseline"; set it to restricted',
      'Namespace "web": pod-security.kubernetes.io/warn is unset; set it to restricted',
    ]);
  });

  it("passes both at restricted", () => {
    const ns = namespace("web", {
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    expect(run("ZT-PSS-003", [ns])).toEqual([]);
  });
});
