import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const id = (template: string) =>
  object("spire.spiffe.io/v1alpha1", "ClusterSPIFFEID", undefined, "ids", {
    spiffeIDTemplate: template,
    podSelector: {},
  });

describe("ZT-ID-003 SPIFFE identities", () => {
  it("passes the hardened default template", () => {
    expect(
      run("ZT-ID-003", [
        id(
          "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}",
        ),
      ]),
    ).toEqual([]);
  });

  it("fails a constant template and a foreign trust domain", () => {
    expect(failing(run("ZT-ID-003", [id("spiffe://other.example/workload")]))).toEqual([
      'ClusterSPIFFEID "ids": spiffeIDTemplate does not use the fleet trust domain "corp.example"',
      'ClusterSPIFFEID "ids": spiffeIDTemplate must encode the namespace and the ServiceAccount (.PodMeta.Namespace, .PodSpec.ServiceAccountName); otherwise unrelated workloads share one identity',
    ]);
  });

  it("warns on federation with another trust domain", () => {
    const fed = object(
      "spire.spiffe.io/v1alpha1",
      "ClusterFederatedTrustDomain",
      undefined,
      "partner",
      { trustDomain: "partner.example" },
    );
    expect(run("ZT-ID-003", [fed]).map((f) => f.severity)).toEqual(["warning"]);
  });
});
