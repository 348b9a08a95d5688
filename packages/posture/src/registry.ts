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
    ].map((r) => [r.id, r]),
  ),
);
