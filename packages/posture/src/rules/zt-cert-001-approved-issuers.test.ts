import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const cert = (issuerRef: Record<string, string>) =>
  object("cert-manager.io/v1", "Certificate", "web", "api", {
    secretName: "api-tls",
    dnsNames: ["api.example"],
    issuerRef,
  });

describe("ZT-CERT-001 approved issuers", () => {
  it("passes an approved ClusterIssuer", () => {
    expect(run("ZT-CERT-001", [cert({ kind: "ClusterIssuer", name: "corp-ca" })])).toEqual([]);
  });

  it("fails a namespaced Issuer of the same name (kind defaults to Issuer) and a self-signed issuer", () => {
    expect(failing(run("ZT-CERT-001", [cert({ name: "corp-ca" })]))).toEqual([
      'Certificate "api" (web): issuerRef Issuer "corp-ca" is not an approved ClusterIssuer (corp-ca, letsencrypt-prod)',
    ]);
    const self = object("cert-manager.io/v1", "Issuer", "web", "selfie", { selfSigned: {} });
    expect(
      failing(run("ZT-CERT-001", [self, cert({ kind: "Issuer", name: "selfie" })]))[0],
    ).toMatch(/self-signed Issuer "selfie"/);
  });
});
