/**
 * @packageDocumentation
 * Test doubles for the drift checker's cluster side: a Kubernetes API test server over HTTPS with a
 * CA made at test time. For tests and benchmarks only.
 */

export type {
  Fault,
  RecordedRequest,
  TestApiServer,
  TestApiServerOptions,
  TestResource,
} from "./api-server.ts";
export { BUILTIN_RESOURCES, PEER_AUTHENTICATION, startTestApiServer } from "./api-server.ts";
export type { TestCertificates } from "./certificates.ts";
export { makeTestCertificates } from "./certificates.ts";
