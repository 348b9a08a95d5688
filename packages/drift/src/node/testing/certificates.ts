import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

/** PEM material for a test CA, a server certificate for 127.0.0.1 and a client certificate. */
export interface TestCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A CA that signed nothing here: a kubeconfig trusting it must fail TLS verification. */
  otherCaCert: string;
}

function keyPair(): { privatePem: string; publicKey: forge.pki.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    publicKey: forge.pki.publicKeyFromPem(
      publicKey.export({ type: "spki", format: "pem" }).toString(),
    ),
  };
}

function certificate(
  subject: string,
  publicKey: forge.pki.PublicKey,
  issuer: { name: string; keyPem: string },
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer([{ name: "commonName", value: issuer.name }]);
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(issuer.keyPem), forge.md.sha256.create());
  return cert;
}

function makeCa(name: string): { cert: string; keyPem: string } {
  const { privatePem, publicKey } = keyPair();
  const cert = certificate(name, publicKey, { name, keyPem: privatePem }, [
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
  ]);
  return { cert: forge.pki.certificateToPem(cert), keyPem: privatePem };
}

/** Makes a CA at test time and issues the server and client certificates from it. */
export function makeTestCertificates(): TestCertificates {
  const ca = makeCa("fleet-baseline test CA");
  const issuer = { name: "fleet-baseline test CA", keyPem: ca.keyPem };
  const server = keyPair();
  const serverCert = certificate("127.0.0.1", server.publicKey, issuer, [
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 7, ip: "127.0.0.1" },
        { type: 2, value: "localhost" },
      ],
    },
  ]);
  const client = keyPair();
  const clientCert = certificate("fleet-reader", client.publicKey, issuer, [
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", clientAuth: true },
  ]);
  return {
    caCert: ca.cert,
    serverCert: forge.pki.certificateToPem(serverCert),
    serverKey: server.privatePem,
    clientCert: forge.pki.certificateToPem(clientCert),
    clientKey: client.privatePem,
    otherCaCert: makeCa("unrelated CA").cert,
  };
}
