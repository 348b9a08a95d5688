import { describe, expect, it } from "vitest";
import { deployment, failing, namespace, object, run } from "../_test-utils.ts";

const ns = namespace("web", {}, { "linkerd.io/inject": "enabled" });
const api = deployment("web", "api");
const server = (accessPolicy?: string) =>
  object("policy.linkerd.io/v1beta3", "Server", "web", "api-http", {
    podSelector: { matchLabels: { app: "api" } },
    port: 8080,
    ...(accessPolicy ? { accessPolicy } : {}),
  });
const mtls = (identities: string[]) =>
  object("policy.linkerd.io/v1alpha1", "MeshTLSAuthentication", "web", "callers", { identities });
const authz = object("policy.linkerd.io/v1alpha1", "AuthorizationPolicy", "web", "api", {
  targetRef: { group: "policy.linkerd.io", kind: "Server", name: "api-http" },
  requiredAuthenticationRefs: [
    { group: "policy.linkerd.io", kind: "MeshTLSAuthentication", name: "callers" },
  ],
});

describe("ZT-MESH-008 Linkerd per-port authorization", () => {
  it("passes a deny Server (unset = deny), a resolving AuthorizationPolicy and named identities", () => {
    expect(
      run("ZT-MESH-008", [
        ns,
        api,
        server(),
        authz,
        mtls(["gw.web.serviceaccount.identity.linkerd.cluster.local"]),
      ]),
    ).toEqual([]);
  });

  it("fails all-unauthenticated, a port without Server, wildcard identities and unresolved refs", () => {
    const badAuthz = {
      ...authz,
      spec: {
        targetRef: { kind: "Server", name: "nope" },
        requiredAuthenticationRefs: [{ kind: "NetworkAuthentication", name: "n" }],
      },
    };
    expect(
      failing(run("ZT-MESH-008", [ns, api, server("all-unauthenticated"), badAuthz, mtls(["*"])])),
    ).toEqual([
      'AuthorizationPolicy "api" (web): requires no MeshTLSAuthentication; require one with named identities',
      'AuthorizationPolicy "api" (web): targetRef Server "nope" is not rendered in "web"',
      'MeshTLSAuthentication "callers" (web): identities * match every identity; name them',
      'Server "api-http" (web): accessPolicy is all-unauthenticated; use deny (audit only in observe/audit stages)',
    ]);
    expect(failing(run("ZT-MESH-008", [ns, api]))).toEqual([
      'Deployment "api" (web): port 8080 has no Linkerd Server; add one with accessPolicy: deny',
    ]);
  });

  it("accepts accessPolicy audit in an observe namespace only", () => {
    const observe = namespace(
      "web",
      {},
      { "linkerd.io/inject": "enabled", "fleet-baseline.io/rollout-stage": "observe" },
    );
    expect(run("ZT-MESH-008", [observe, api, server("audit")])).toEqual([]);
    expect(failing(run("ZT-MESH-008", [ns, api, server("audit")]))).toHaveLength(1);
  });
});
