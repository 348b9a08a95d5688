import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

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
});
