import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const role = (rules: unknown[]) => ({
  ...object("rbac.authorization.k8s.io/v1", "Role", "web", "r", undefined),
  rules,
});

describe("ZT-RBAC-001 no wildcards", () => {
  it("flags * in any field, including subresource wildcards, not only the full */*/* form", () => {
    const r = role([
      { apiGroups: [""], resources: ["*"], verbs: ["get"] },
      { apiGroups: [""], resources: ["pods/*"], verbs: ["get"] },
      { nonResourceURLs: ["/metrics/*"], verbs: ["get"] },
    ]);
    expect(failing(run("ZT-RBAC-001", [r]))).toEqual([
      'Role "r" (web): rule 0 uses a wildcard in resources; list exact values',
      'Role "r" (web): rule 1 uses a wildcard in resources; list exact values',
      'Role "r" (web): rule 2 uses a wildcard in nonResourceURLs; list exact values',
    ]);
  });

  it("passes exact rules", () => {
    expect(
      run("ZT-RBAC-001", [
        role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }]),
      ]),
    ).toEqual([]);
  });
});
