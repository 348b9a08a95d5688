import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

const meshNs = namespace("web", { "istio-injection": "enabled" });
const pa = (mode: string | undefined, ns = "istio-system", name = "default") =>
  object("security.istio.io/v1", "PeerAuthentication", ns, name, mode ? { mtls: { mode } } : {});

describe("ZT-MESH-001 mesh-wide STRICT", () => {
  it("fails when Istio is used and no mesh-wide policy exists", () => {
    expect(failing(run("ZT-MESH-001", [meshNs]))[0]).toMatch(
      /PeerAuthentication "default" \(istio-system\): is missing/,
    );
  });

  it("fails PERMISSIVE and UNSET, passes STRICT", () => {
    expect(failing(run("ZT-MESH-001", [meshNs, pa("PERMISSIVE")]))).toHaveLength(1);
    expect(failing(run("ZT-MESH-001", [meshNs, pa("UNSET")]))).toHaveLength(1);
    expect(run("ZT-MESH-001", [meshNs, pa("STRICT")])).toEqual([]);
  });

  it("does not apply to a cluster without Istio", () => {
    expect(run("ZT-MESH-001", [namespace("web")])).toEqual([]);
  });
});
