import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const tag = { annotations: { "fleet-baseline.io/controls": "ZT-PSS-004" } };

describe("ZT-ADM-003 fail closed", () => {
  it("flags Ignore on the new Kyverno field and on Gatekeeper webhooks", () => {
    const cp = object(
      "kyverno.io/v1",
      "ClusterPolicy",
      undefined,
      "p",
      { webhookConfiguration: { failurePolicy: "Ignore" }, failurePolicy: "Fail", rules: [] },
      tag,
    );
    const vwc = {
      ...object(
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
        undefined,
        "gatekeeper-validating-webhook-configuration",
        undefined,
      ),
      webhooks: [{ name: "validation.gatekeeper.sh", failurePolicy: "Ignore" }],
    };
    expect(failing(run("ZT-ADM-003", [cp, vwc]))).toEqual([
      'ClusterPolicy "p": failurePolicy is Ignore (fails open); set spec.webhookConfiguration.failurePolicy: Fail',
      'ValidatingWebhookConfiguration "gatekeeper-validating-webhook-configuration": webhook "validation.gatekeeper.sh" has failurePolicy Ignore (fails open); set Fail',
    ]);
  });

  it("passes defaults (Fail) and ignores untagged policies", () => {
    const cp = object("kyverno.io/v1", "ClusterPolicy", undefined, "p", { rules: [] }, tag);
    const untagged = object("kyverno.io/v1", "ClusterPolicy", undefined, "q", {
      failurePolicy: "Ignore",
      rules: [],
    });
    expect(run("ZT-ADM-003", [cp, untagged])).toEqual([]);
  });
});
