import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const cert = (spec: Record<string, unknown>) =>
  object("cert-manager.io/v1", "Certificate", "web", "api", {
    secretName: "s",
    issuerRef: { kind: "ClusterIssuer", name: "corp-ca" },
    ...spec,
  });

describe("ZT-CERT-002 key and lifetime", () => {
  it("fails a long duration, a small RSA key and rotationPolicy Never", () => {
    expect(
      failing(
        run("ZT-CERT-002", [
          cert({
            duration: "8760h",
            privateKey: { algorithm: "RSA", size: 1024, rotationPolicy: "Never" },
          }),
        ]),
      ),
    ).toEqual([
      'Certificate "api" (web): RSA key size 1024 is below 2048',
      'Certificate "api" (web): duration 8760h is longer than 2160h',
      'Certificate "api" (web): privateKey.rotationPolicy is Never; use Always',
    ]);
  });

  it("passes defaults and ECDSA P-384 with a 90-day duration", () => {
    expect(run("ZT-CERT-002", [cert({})])).toEqual([]);
    expect(
      run("ZT-CERT-002", [
        cert({
          duration: "2160h0m0s",
          renewBefore: "360h",
          privateKey: { algorithm: "ECDSA", size: 384, rotationPolicy: "Always" },
        }),
      ]),
    ).toEqual([]);
  });
});
