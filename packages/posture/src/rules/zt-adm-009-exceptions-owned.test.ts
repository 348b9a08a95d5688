import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const ann = {
  "fleet-baseline.io/exception-controls": "ZT-NET-009",
  "fleet-baseline.io/exception-owner": "team-web",
  "fleet-baseline.io/exception-ticket": "SEC-2",
  "fleet-baseline.io/exception-expires": "2027-03-01",
};

describe("ZT-ADM-009 exceptions owned and expiring", () => {
  it("flags incomplete, malformed and expired exceptions", () => {
    const { "fleet-baseline.io/exception-ticket": _, ...noTicket } = ann;
    const objs = [
      object("v1", "Service", "web", "a", {}, { annotations: noTicket }),
      object(
        "v1",
        "Service",
        "web",
        "b",
        {},
        { annotations: { ...ann, "fleet-baseline.io/exception-expires": "2026-11-01" } },
      ),
      object(
        "v1",
        "Service",
        "web",
        "c",
        {},
        {
          annotations: {
            ...ann,
            "fleet-baseline.io/exception-expires": "soon",
            "fleet-baseline.io/exception-controls": "NET9",
          },
        },
      ),
    ];
    expect(failing(run("ZT-ADM-009", objs))).toEqual([
      'Service "a" (web): fleet-baseline.io/exception-ticket is missing',
      'Service "b" (web): the exception expired on 2026-11-01; renew it with a new ticket or remove it',
      'Service "c" (web): fleet-baseline.io/exception-controls must list catalog ids such as ZT-NET-001',
      'Service "c" (web): fleet-baseline.io/exception-expires is not an ISO date (YYYY-MM-DD)',
    ]);
  });

  it("checks Kyverno PolicyExceptions for wildcards and unnamed resources", () => {
    const pe = object(
      "kyverno.io/v2",
      "PolicyException",
      "web",
      "pe",
      {
        exceptions: [{ policyName: "*", ruleNames: ["r"] }],
        match: { any: [{ resources: { kinds: ["Pod"], namespaces: ["web"] } }] },
      },
      { annotations: ann },
    );
    expect(failing(run("ZT-ADM-009", [pe]))).toEqual([
      'PolicyException "pe" (web): excepts every policy or rule (`*`); name them',
      'PolicyException "pe" (web): matches resources without naming them; list resources.names',
    ]);
  });

  it("passes a complete, unexpired exception", () => {
    expect(
      run("ZT-ADM-009", [object("v1", "Service", "web", "a", {}, { annotations: ann })]),
    ).toEqual([]);
  });
});
