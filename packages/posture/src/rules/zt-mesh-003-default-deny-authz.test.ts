import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

const ns = namespace("web", { "istio-injection": "enabled" });
const ap = (name: string, spec: Record<string, unknown>, ns = "web") =>
  object("security.istio.io/v1", "AuthorizationPolicy", ns, name, spec);

describe("ZT-MESH-003 default-deny authorization", () => {
  it("passes `spec: {}` in the namespace or in the root namespace", () => {
    expect(run("ZT-MESH-003", [ns, ap("deny", {})])).toEqual([]);
    expect(run("ZT-MESH-003", [ns, ap("deny", {}, "istio-system")])).toEqual([]);
  });

  it("fails `rules: [{}]` (allow-all) and a selector-scoped allow-nothing", () => {
    expect(failing(run("ZT-MESH-003", [ns, ap("all", { rules: [{}] })]))).toEqual([
      'Namespace "web": has no allow-nothing AuthorizationPolicy (`spec: {}`); workloads without an ALLOW policy accept every request',
      'AuthorizationPolicy "all" (web): has a rule `{}`, which matches every request: it is allow-all, not deny-all; use `spec: {}` for allow-nothing',
    ]);
    const scoped = ap("deny", { selector: { matchLabels: { app: "api" } } });
    expect(failing(run("ZT-MESH-003", [ns, scoped]))).toHaveLength(1);
  });

  it("does not count a DENY policy without rules", () => {
    expect(failing(run("ZT-MESH-003", [ns, ap("d", { action: "DENY" })]))).toHaveLength(1);
  });
});
