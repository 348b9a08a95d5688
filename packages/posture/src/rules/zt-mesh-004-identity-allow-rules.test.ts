import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const ap = (rules: unknown[], action?: string) =>
  object("security.istio.io/v1", "AuthorizationPolicy", "web", "a", {
    ...(action ? { action } : {}),
    selector: { matchLabels: { app: "api" } },
    rules,
  });

describe("ZT-MESH-004 identity-based ALLOW rules", () => {
  it("flags rules without from, * principals and namespace-only sources", () => {
    const got = failing(
      run("ZT-MESH-004", [
        ap([
          { to: [{ operation: { methods: ["GET"] } }] },
          { from: [{ source: { principals: ["*"] } }] },
          { from: [{ source: { namespaces: ["web"] } }] },
        ]),
      ]),
    );
    expect(got).toEqual([
      'AuthorizationPolicy "a" (web): rule 0 has no `from`: any caller is allowed; name principals',
      'AuthorizationPolicy "a" (web): rule 1 from 0 allows principals "*"',
      'AuthorizationPolicy "a" (web): rule 2 from 0 identifies callers only by namespaces; name principals',
    ]);
  });

  it("passes named principals and ignores DENY policies", () => {
    expect(
      run("ZT-MESH-004", [
        ap([
          {
            from: [{ source: { principals: ["cluster.local/ns/web/sa/gw"] } }],
            to: [{ operation: { methods: ["GET"] } }],
          },
        ]),
      ]),
    ).toEqual([]);
    expect(run("ZT-MESH-004", [ap([{}], "DENY")])).toEqual([]);
  });
});
