import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const ing = (tls: unknown[]) =>
  object("networking.k8s.io/v1", "Ingress", "web", "i", {
    tls,
    rules: [
      { host: "api.corp.example", http: {} },
      { host: "www.corp.example", http: {} },
    ],
  });

describe("ZT-CERT-003 TLS on every ingress point", () => {
  it("fails a host missing from spec.tls, passes a wildcard tls host", () => {
    expect(
      failing(run("ZT-CERT-003", [ing([{ hosts: ["api.corp.example"], secretName: "s" }])])),
    ).toEqual([
      'Ingress "i" (web): host "www.corp.example" is not in spec.tls; add it with a certificate Secret',
    ]);
    expect(run("ZT-CERT-003", [ing([{ hosts: ["*.corp.example"], secretName: "s" }])])).toEqual([]);
  });

  it("allows a plain-HTTP Gateway listener only to redirect", () => {
    const gw = object("gateway.networking.k8s.io/v1", "Gateway", "gw", "edge", {
      listeners: [
        { name: "http", protocol: "HTTP", port: 80 },
        {
          name: "https",
          protocol: "HTTPS",
          port: 443,
          tls: { certificateRefs: [{ name: "edge-tls" }] },
        },
      ],
    });
    const redirect = object("gateway.networking.k8s.io/v1", "HTTPRoute", "gw", "redirect", {
      parentRefs: [{ name: "edge", sectionName: "http" }],
      rules: [
        {
          filters: [
            { type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } },
          ],
        },
      ],
    });
    expect(run("ZT-CERT-003", [gw, redirect])).toEqual([]);
    const serve = object("gateway.networking.k8s.io/v1", "HTTPRoute", "web", "app", {
      parentRefs: [{ name: "edge", namespace: "gw" }],
      rules: [{ backendRefs: [{ name: "api", port: 80 }] }],
    });
    expect(failing(run("ZT-CERT-003", [gw, serve]))).toEqual([
      'Gateway "edge" (gw): plain-HTTP listener "http" serves HTTPRoute "app" (web); HTTP may only redirect to https',
    ]);
  });
});
