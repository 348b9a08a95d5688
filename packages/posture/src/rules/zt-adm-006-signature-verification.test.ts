import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

const verify = (refs: string[], extra: Record<string, unknown> = {}) =>
  object("kyverno.io/v1", "ClusterPolicy", undefined, "verify", {
    rules: [
      {
        name: "sig",
        match: {},
        verifyImages: [
          {
            imageReferences: refs,
            attestors: [{ entries: [{ keyless: {} }] }],
            failureAction: "Enforce",
            ...extra,
          },
        ],
      },
    ],
  });

describe("ZT-ADM-006 signature verification", () => {
  it("passes when enforcing verifiers cover every approved registry", () => {
    expect(
      run("ZT-ADM-006", [verify(["registry.corp.example/*", "ghcr.io/corp-example/*"])]),
    ).toEqual([]);
  });

  it("fails an uncovered registry, a verifier without attestors and an Audit verifier", () => {
    expect(failing(run("ZT-ADM-006", [verify(["registry.corp.example/*"])]))).toEqual([
      'Cluster "test": no enforcing signature verification covers approved registries [ghcr.io/corp-example/]',
    ]);
    const audit = verify(["*"], { failureAction: "Audit", attestors: [] });
    expect(failing(run("ZT-ADM-006", [audit]))).toEqual([
      'Cluster "test": no enforcing signature verification covers approved registries [registry.corp.example/, ghcr.io/corp-example/]',
      'ClusterPolicy "verify": rule "sig" does not verify in Enforce',
      'ClusterPolicy "verify": rule "sig" verifies with no attestors',
    ]);
  });

  it("does not let a pattern for a look-alike registry cover the approved one", () => {
    expect(
      failing(
        run("ZT-ADM-006", [verify(["registry.corp.example.evil.io/*", "ghcr.io/corp-example/*"])]),
      ),
    ).toHaveLength(1);
  });

  describe("rollout stages", () => {
    const staged = (stage: string) =>
      namespace("web", {}, { "fleet-baseline.io/rollout-stage": stage });
    const auditVerifier = () => {
      const v = verify(["registry.corp.example/*", "ghcr.io/corp-example/*"], {
        failureAction: "Audit",
      });
      v.metadata.annotations = { "fleet-baseline.io/rollout-stage": "audit" };
      return v;
    };
    const severities = (objects: Parameters<typeof run>[1]) =>
      run("ZT-ADM-006", objects).map((f) => `${f.severity} ${f.kind}`);

    it("reports missing coverage as info when every tenant namespace observes", () => {
      expect(severities([staged("observe"), namespace("kube-system")])).toEqual(["info Cluster"]);
    });

    it("reports missing coverage and an audit-stage verifier as warnings in audit", () => {
      expect(severities([staged("audit")])).toEqual(["warning Cluster"]);
      expect(severities([staged("audit"), auditVerifier()])).toEqual([
        "warning Cluster",
        "warning ClusterPolicy",
      ]);
    });

    it("keeps errors once any tenant namespace enforces", () => {
      const objects = [staged("observe"), namespace("api"), auditVerifier()];
      expect(severities(objects)).toEqual(["error Cluster", "warning ClusterPolicy"]);
    });
  });
});
