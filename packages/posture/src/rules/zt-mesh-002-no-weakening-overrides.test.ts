import { describe, expect, it } from "vitest";
import { deployment, failing, namespace, object, run } from "../_test-utils.ts";

const ns = namespace("web", { "istio-injection": "enabled" });
const api = deployment("web", "api");
const pa = (ns: string, name: string, spec: Record<string, unknown>) =>
  object("security.istio.io/v1", "PeerAuthentication", ns, name, spec);
const mesh = pa("istio-system", "default", { mtls: { mode: "STRICT" } });

describe("ZT-MESH-002 effective mTLS", () => {
  it("passes mesh STRICT inherited through namespace and workload UNSET", () => {
    const nsUnset = pa("web", "ns", { mtls: { mode: "UNSET" } });
    const wlUnset = pa("web", "wl", {
      selector: { matchLabels: { app: "api" } },
      mtls: { mode: "UNSET" },
    });
    expect(run("ZT-MESH-002", [ns, api, mesh, nsUnset, wlUnset])).toEqual([]);
  });

  it("fails namespace STRICT + workload DISABLE (workload wins)", () => {
    const nsStrict = pa("web", "ns", { mtls: { mode: "STRICT" } });
    const wl = pa("web", "wl", {
      selector: { matchLabels: { app: "api" } },
      mtls: { mode: "DISABLE" },
    });
    expect(failing(run("ZT-MESH-002", [ns, api, mesh, nsStrict, wl]))).toEqual([
      'PeerAuthentication "wl" (web): Deployment "api" gets effective mTLS DISABLE on port 8080; make it STRICT',
    ]);
  });

  it("fails a portLevelMtls PERMISSIVE under a STRICT workload policy, only on that port", () => {
    const wl = pa("web", "wl", {
      selector: { matchLabels: { app: "api" } },
      mtls: { mode: "STRICT" },
      portLevelMtls: { "9090": { mode: "PERMISSIVE" } },
    });
    expect(failing(run("ZT-MESH-002", [ns, api, mesh, wl]))).toEqual([
      'PeerAuthentication "wl" (web): Deployment "api" gets effective mTLS PERMISSIVE on port 9090; make it STRICT',
    ]);
  });

  it("lets a namespace PERMISSIVE override the mesh and reports Istio's default without any policy", () => {
    const nsPerm = pa("web", "ns", { mtls: { mode: "PERMISSIVE" } });
    expect(failing(run("ZT-MESH-002", [ns, api, mesh, nsPerm]))[0]).toMatch(
      /^PeerAuthentication "ns" \(web\): .* PERMISSIVE on port 8080/,
    );
    expect(failing(run("ZT-MESH-002", [ns, api]))[0]).toMatch(/Istio default/);
  });
});
