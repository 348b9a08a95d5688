import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

const tag = { "fleet-baseline.io/controls": "ZT-PSS-004" };
const cp = (spec: Record<string, unknown>, annotations: Record<string, string> = tag) =>
  object("kyverno.io/v1", "ClusterPolicy", undefined, "no-priv", spec, { annotations });
const rule = (validate: Record<string, unknown>) => ({
  name: "check",
  match: {},
  validate: { pattern: {}, ...validate },
});

describe("ZT-ADM-001 Kyverno/VAP enforce", () => {
  it("lets rule-level failureAction win over the deprecated policy-level field", () => {
    expect(
      run("ZT-ADM-001", [
        cp({ validationFailureAction: "Audit", rules: [rule({ failureAction: "Enforce" })] }),
      ]),
    ).toEqual([]);
    expect(
      failing(
        run("ZT-ADM-001", [
          cp({ validationFailureAction: "Enforce", rules: [rule({ failureAction: "Audit" })] }),
        ]),
      ),
    ).toEqual([
      'ClusterPolicy "no-priv": rule "check" has effective action Audit; set validate.failureAction: Enforce',
    ]);
  });

  it("defaults to Audit when neither is set, and flags Audit overrides on tenant namespaces", () => {
    expect(failing(run("ZT-ADM-001", [cp({ rules: [rule({})] })]))).toHaveLength(1);
    const ov = cp({
      validationFailureAction: "Enforce",
      validationFailureActionOverrides: [{ action: "Audit", namespaces: ["we*"] }],
      rules: [rule({})],
    });
    expect(failing(run("ZT-ADM-001", [namespace("web"), ov]))).toEqual([
      'ClusterPolicy "no-priv": rule "check" is downgraded to Audit for tenant namespaces [web]',
    ]);
  });

  it("ignores untagged policies and policies in observe", () => {
    expect(run("ZT-ADM-001", [cp({ rules: [rule({})] }, {})])).toEqual([]);
    expect(
      run("ZT-ADM-001", [
        cp({ rules: [rule({})] }, { ...tag, "fleet-baseline.io/rollout-stage": "observe" }),
      ]),
    ).toEqual([]);
  });

  it("requires Deny on a VAP binding whose policy is tagged", () => {
    const vap = object(
      "admissionregistration.k8s.io/v1",
      "ValidatingAdmissionPolicy",
      undefined,
      "p",
      {},
      { annotations: tag },
    );
    const b = object(
      "admissionregistration.k8s.io/v1",
      "ValidatingAdmissionPolicyBinding",
      undefined,
      "b",
      { policyName: "p", validationActions: ["Audit", "Warn"] },
    );
    expect(failing(run("ZT-ADM-001", [vap, b]))).toEqual([
      'ValidatingAdmissionPolicyBinding "b": validationActions [Audit, Warn] do not include Deny',
    ]);
    expect(
      run("ZT-ADM-001", [vap, { ...b, spec: { policyName: "p", validationActions: ["Deny"] } }]),
    ).toEqual([]);
  });
});
