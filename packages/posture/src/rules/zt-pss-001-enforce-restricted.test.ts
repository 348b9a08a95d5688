import { describe, expect, it } from "vitest";
import { deployment, exceptionAnnotations, failing, namespace, run } from "../_test-utils.ts";

const exc = exceptionAnnotations("ZT-PSS-001", { owner: "team-web", ticket: "SEC-3" });

describe("ZT-PSS-001 enforce restricted", () => {
  it("passes restricted, fails a missing label (privileged) even with an exception", () => {
    expect(
      run("ZT-PSS-001", [namespace("web", { "pod-security.kubernetes.io/enforce": "restricted" })]),
    ).toEqual([]);
    expect(run("ZT-PSS-001", [namespace("web", {}, exc)]).map((f) => f.status)).toEqual(["fail"]);
  });

  it("lets an exception keep baseline only with audit and warn at restricted", () => {
    const staged = namespace(
      "web",
      {
        "pod-security.kubernetes.io/enforce": "baseline",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      },
      exc,
    );
    expect(run("ZT-PSS-001", [staged]).map((f) => f.status)).toEqual(["excepted"]);
    const loose = namespace("web", { "pod-security.kubernetes.io/enforce": "baseline" }, exc);
    expect(run("ZT-PSS-001", [loose]).map((f) => f.status)).toEqual(["fail"]);
  });

  it("reports a namespace that only appears through its objects (no Namespace rendered)", () => {
    expect(failing(run("ZT-PSS-001", [deployment("orphan", "api")]))).toEqual([
      'Namespace "orphan": has no pod-security.kubernetes.io/enforce label (= privileged); label it `pod-security.kubernetes.io/enforce: restricted`',
    ]);
  });
});
