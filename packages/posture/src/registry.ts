import { ztAdm001 } from "./rules/zt-adm-001-kyverno-vap-enforce.ts";
import { ztAdm002 } from "./rules/zt-adm-002-gatekeeper-enforce.ts";
import { ztAdm003 } from "./rules/zt-adm-003-fail-closed.ts";
import { ztAdm004 } from "./rules/zt-adm-004-approved-registries.ts";
import { ztAdm005 } from "./rules/zt-adm-005-immutable-images.ts";
import { ztAdm006 } from "./rules/zt-adm-006-signature-verification.ts";
import { ztAdm007 } from "./rules/zt-adm-007-ownership-metadata.ts";
import { ztAdm008 } from "./rules/zt-adm-008-no-blanket-excludes.ts";
import { ztAdm009 } from "./rules/zt-adm-009-exceptions-owned.ts";
import { ztCert001 } from "./rules/zt-cert-001-approved-issuers.ts";
import { ztCert002 } from "./rules/zt-cert-002-key-and-lifetime.ts";
import { ztCert003 } from "./rules/zt-cert-003-tls-ingress.ts";
import { ztId001 } from "./rules/zt-id-001-dedicated-service-account.ts";
import { ztId002 } from "./rules/zt-id-002-token-hygiene.ts";
import { ztId003 } from "./rules/zt-id-003-spiffe-identities.ts";
import { ztMesh001 } from "./rules/zt-mesh-001-mesh-strict-mtls.ts";
import { ztMesh002 } from "./rules/zt-mesh-002-no-weakening-overrides.ts";
import { ztMesh003 } from "./rules/zt-mesh-003-default-deny-authz.ts";
import { ztMesh004 } from "./rules/zt-mesh-004-identity-allow-rules.ts";
import { ztMesh005 } from "./rules/zt-mesh-005-client-tls.ts";
import { ztMesh006 } from "./rules/zt-mesh-006-mesh-enrollment.ts";
import { ztMesh007 } from "./rules/zt-mesh-007-linkerd-default-inbound.ts";
import { ztMesh008 } from "./rules/zt-mesh-008-linkerd-port-authz.ts";
import { ztNet001 } from "./rules/zt-net-001-default-deny-ingress.ts";
import { ztNet002 } from "./rules/zt-net-002-default-deny-egress.ts";
import { ztNet003 } from "./rules/zt-net-003-dns-egress.ts";
import { ztNet004 } from "./rules/zt-net-004-no-allow-all.ts";
import { ztNet005 } from "./rules/zt-net-005-no-dangling-selectors.ts";
import { ztNet006 } from "./rules/zt-net-006-fqdn-egress.ts";
import { ztNet007 } from "./rules/zt-net-007-metadata-blocked.ts";
import { ztNet008 } from "./rules/zt-net-008-cluster-guardrail.ts";
import { ztNet009 } from "./rules/zt-net-009-no-external-exposure.ts";
import { ztPss001 } from "./rules/zt-pss-001-enforce-restricted.ts";
import { ztPss002 } from "./rules/zt-pss-002-psa-version-pinned.ts";
import { ztPss003 } from "./rules/zt-pss-003-audit-warn-restricted.ts";
import { ztPss004 } from "./rules/zt-pss-004-no-privileged.ts";
import { ztPss005 } from "./rules/zt-pss-005-no-host-namespaces.ts";
import { ztPss006 } from "./rules/zt-pss-006-volume-types.ts";
import { ztPss007 } from "./rules/zt-pss-007-capabilities-dropped.ts";
import { ztPss008 } from "./rules/zt-pss-008-no-privilege-escalation.ts";
import { ztPss009 } from "./rules/zt-pss-009-non-root.ts";
import { ztPss010 } from "./rules/zt-pss-010-seccomp.ts";
import { ztPss011 } from "./rules/zt-pss-011-host-isolation.ts";
import { ztPss012 } from "./rules/zt-pss-012-read-only-root.ts";
import { ztPss013 } from "./rules/zt-pss-013-resources.ts";
import { ztPss014 } from "./rules/zt-pss-014-secrets-as-files.ts";
import { ztPss015 } from "./rules/zt-pss-015-no-default-namespace.ts";
import { ztRbac001 } from "./rules/zt-rbac-001-no-wildcards.ts";
import { ztRbac002 } from "./rules/zt-rbac-002-no-escalate-bind-impersonate.ts";
import { ztRbac003 } from "./rules/zt-rbac-003-no-cluster-admin.ts";
import { ztRbac004 } from "./rules/zt-rbac-004-no-everyone-groups.ts";
import { ztRbac005 } from "./rules/zt-rbac-005-minimal-secret-access.ts";
import { ztRbac006 } from "./rules/zt-rbac-006-no-exec-or-pod-creation.ts";
import { ztRbac007 } from "./rules/zt-rbac-007-sensitive-permissions.ts";
import { ztRbac008 } from "./rules/zt-rbac-008-namespace-scoped-grants.ts";
import { ztRbac009 } from "./rules/zt-rbac-009-bindings-resolve.ts";
import { ztRun001 } from "./rules/zt-run-001-falco-every-node.ts";
import { ztRun002 } from "./rules/zt-run-002-falco-rules.ts";
import type { Rule } from "./types.ts";

/** Every rule, by catalog id, in catalog order. Explicit map, never glob-loaded. */
export const rules: Readonly<Record<string, Rule>> = Object.freeze(
  Object.fromEntries(
    [
      ztNet001,
      ztNet002,
      ztNet003,
      ztNet004,
      ztNet005,
      ztNet006,
      ztNet007,
      ztNet008,
      ztNet009,
      ztPss001,
      ztPss002,
      ztPss003,
      ztPss004,
      ztPss005,
      ztPss006,
      ztPss007,
      ztPss008,
      ztPss009,
      ztPss010,
      ztPss011,
      ztPss012,
      ztPss013,
      ztPss014,
      ztPss015,
      ztRbac001,
      ztRbac002,
      ztRbac003,
      ztRbac004,
      ztRbac005,
      ztRbac006,
      ztRbac007,
      ztRbac008,
      ztRbac009,
      ztId001,
      ztId002,
      ztId003,
      ztMesh001,
      ztMesh002,
      ztMesh003,
      ztMesh004,
      ztMesh005,
      ztMesh006,
      ztMesh007,
      ztMesh008,
      ztAdm001,
      ztAdm002,
      ztAdm003,
      ztAdm004,
      ztAdm005,
      ztAdm006,
      ztAdm007,
      ztAdm008,
      ztAdm009,
      ztCert001,
      ztCert002,
      ztCert003,
      ztRun001,
      ztRun002,
    ].map((r) => [r.id, r]),
  ),
);
