import { child, setDefault } from "./defaulting.ts";
import type { KindProfile } from "./profile.ts";

/**
 * Linkerd `policy.linkerd.io` (linkerd2 `charts/linkerd-crds/templates/policy/*.yaml`): Server
 * `v1beta3` defaults `accessPolicy: deny` and `proxyProtocol: unknown` (older versions only the
 * latter). AuthorizationPolicy and MeshTLSAuthentication have no defaults.
 */
export const linkerdProfile: KindProfile = {
  group: "policy.linkerd.io",
  kinds: [
    "Server",
    "AuthorizationPolicy",
    "MeshTLSAuthentication",
    "NetworkAuthentication",
    "ServerAuthorization",
  ],
  normalize: (kind, body, { version }) => {
    if (kind !== "Server") return;
    // spec is required (not a pointer): an empty one was dropped with the other empties.
    const spec = child(body, "spec") ?? {};
    body.spec = spec;
    if (version === "v1beta3") setDefault(spec, "accessPolicy", "deny");
    setDefault(spec, "proxyProtocol", "unknown");
  },
  setLists: {
    AuthorizationPolicy: ["spec/requiredAuthenticationRefs"],
    MeshTLSAuthentication: ["spec/identities", "spec/identityRefs"],
    NetworkAuthentication: ["spec/networks", "spec/networks/*/except"],
    Server: ["**/matchExpressions", "**/matchExpressions/*/values"],
  },
};
