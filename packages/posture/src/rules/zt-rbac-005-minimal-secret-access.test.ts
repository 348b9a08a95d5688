import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const role = (rules: unknown[]) => ({
  ...object("rbac.authorization.k8s.io/v1", "Role", "web", "r", undefined),
  rules,
});

describe("ZT-RBAC-005 minimal secret access", () => {
  it("flags list/watch (also through *) and get without resourceNames", () => {
    const r = role([
      { apiGroups: [""], resources: ["secrets"], verbs: ["list"] },
      { apiGroups: ["*"], resources: ["*"], verbs: ["get", "watch"] },
    ]);
    expect(failing(run("ZT-RBAC-005", [r]))).toEqual([
      'Role "r" (web): rule 0 grants list on secrets, which returns every secret\'s data',
      'Role "r" (web): rule 1 grants get on secrets without resourceNames; name the secrets',
      'Role "r" (web): rule 1 grants watch on secrets, which returns every secret\'s data',
    ]);
  });

  it("passes get with resourceNames", () => {
    expect(
      run("ZT-RBAC-005", [
        role([{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["db"] }]),
      ]),
    ).toEqual([]);
  });
});
