import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const dr = (host: string, trafficPolicy: unknown) =>
  object("networking.istio.io/v1", "DestinationRule", "web", "d", { host, trafficPolicy });

describe("ZT-MESH-005 client-side TLS", () => {
  it("flags DISABLE on an in-mesh host and SIMPLE in portLevelSettings", () => {
    expect(
      failing(
        run("ZT-MESH-005", [
          dr("api.web.svc.cluster.local", {
            tls: { mode: "DISABLE" },
            portLevelSettings: [{ port: { number: 80 }, tls: { mode: "SIMPLE" } }],
          }),
        ]),
      ),
    ).toEqual([
      'DestinationRule "d" (web): trafficPolicy.portLevelSettings[0].tls.mode is SIMPLE for in-mesh host "api.web.svc.cluster.local"; use ISTIO_MUTUAL or leave it unset',
      'DestinationRule "d" (web): trafficPolicy.tls.mode is DISABLE for in-mesh host "api.web.svc.cluster.local"; use ISTIO_MUTUAL or leave it unset',
    ]);
  });

  it("resolves short names against rendered Services and ignores external hosts", () => {
    const svc = object("v1", "Service", "web", "api", {});
    expect(
      failing(run("ZT-MESH-005", [svc, dr("api", { tls: { mode: "DISABLE" } })])),
    ).toHaveLength(1);
    expect(
      run("ZT-MESH-005", [
        dr("api.stripe.com", { tls: { mode: "SIMPLE" } }),
        dr("api.web.svc.cluster.local", { tls: { mode: "ISTIO_MUTUAL" } }),
      ]),
    ).toEqual([]);
  });
});
