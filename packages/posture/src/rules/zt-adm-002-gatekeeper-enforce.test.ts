import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const c = (spec: Record<string, unknown>) =>
  object(
    "constraints.gatekeeper.sh/v1beta1",
    "K8sPSPPrivilegedContainer",
    undefined,
    "no-priv",
    spec,
    { annotations: { "fleet-baseline.io/controls": "ZT-PSS-004" } },
  );
const podMatch = { match: { kinds: [{ apiGroups: [""], kinds: ["Pod"] }] } };
const expansion = object(
  "expansion.gatekeeper.sh/v1beta1",
  "ExpansionTemplate",
  undefined,
  "expand",
  { applyTo: [] },
);

describe("ZT-ADM-002 Gatekeeper enforce", () => {
  it("treats an omitted enforcementAction as deny", () => {
    expect(run("ZT-ADM-002", [c(podMatch), expansion])).toEqual([]);
  });

  it("fails dryrun and warn", () => {
    expect(
      failing(run("ZT-ADM-002", [c({ ...podMatch, enforcementAction: "dryrun" }), expansion])),
    ).toEqual([
      'K8sPSPPrivilegedContainer "no-priv": enforcementAction is dryrun; use deny (or omit it)',
    ]);
  });

  it("warns on a Pod-only constraint without an ExpansionTemplate", () => {
    expect(run("ZT-ADM-002", [c(podMatch)]).map((f) => f.severity)).toEqual(["warning"]);
  });
});
