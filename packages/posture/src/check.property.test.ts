import type { KubeObject } from "@fleet-baseline/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cidrContains, parseIp } from "./_netpol.ts";
import {
  deployment,
  goodContainer,
  goodPodSpec,
  namespace,
  netpol,
  object,
  report,
} from "./_test-utils.ts";

const pool: KubeObject[] = [
  namespace("web", { "pod-security.kubernetes.io/enforce": "baseline" }),
  namespace(
    "pay",
    { "istio-injection": "enabled" },
    { "fleet-baseline.io/rollout-stage": "audit" },
  ),
  deployment("web", "api"),
  deployment(
    "pay",
    "db",
    goodPodSpec({
      containers: [goodContainer({ image: "nginx", securityContext: { privileged: true } })],
    }),
  ),
  netpol("web", "deny", { podSelector: {}, ingress: [], egress: [] }),
  netpol("pay", "open", {
    podSelector: {},
    ingress: [{}],
    egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }],
  }),
  object("v1", "Service", "web", "lb", { type: "LoadBalancer" }),
  {
    ...object("rbac.authorization.k8s.io/v1", "Role", "web", "r", undefined),
    rules: [{ apiGroups: ["*"], resources: ["secrets"], verbs: ["list"] }],
  },
  {
    ...object("rbac.authorization.k8s.io/v1", "RoleBinding", "web", "b", undefined),
    roleRef: { kind: "Role", name: "r" },
    subjects: [{ kind: "ServiceAccount", name: "api", namespace: "pay" }],
  },
  object("security.istio.io/v1", "PeerAuthentication", "pay", "weak", {
    mtls: { mode: "PERMISSIVE" },
  }),
];

const subset = fc
  .subarray(pool, { minLength: 1 })
  .chain((objs) => fc.shuffledSubarray(objs, { minLength: objs.length, maxLength: objs.length }));

const exception = {
  "fleet-baseline.io/exception-owner": "o",
  "fleet-baseline.io/exception-ticket": "T-1",
  "fleet-baseline.io/exception-expires": "2027-01-01",
};

describe("checkPosture properties", () => {
  it("does not depend on the order of its input", () => {
    fc.assert(
      fc.property(subset, (objs) => {
        expect(report([...objs].reverse())).toEqual(report(objs));
      }),
      { numRuns: 25 },
    );
  });

  it("a valid exception on every object only turns failures of its control into excepted", () => {
    fc.assert(
      fc.property(
        subset,
        fc.constantFrom("ZT-NET-004", "ZT-PSS-004", "ZT-RBAC-005", "ZT-NET-009", "ZT-MESH-002"),
        (objs, control) => {
          const waived = objs.map((o) => ({
            ...o,
            metadata: {
              ...o.metadata,
              annotations: {
                ...o.metadata.annotations,
                ...exception,
                "fleet-baseline.io/exception-controls": control,
              },
            },
          }));
          const before = report(objs, { controls: [control] }).findings;
          const after = report(waived, { controls: [control] }).findings;
          expect(after.map((f) => f.message)).toEqual(before.map((f) => f.message));
          expect(after.every((f) => f.status === "excepted")).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("CIDR containment", () => {
  const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
  it("agrees with a prefix comparison of the 32-bit values", () => {
    fc.assert(
      fc.property(v4, v4, fc.integer({ min: 0, max: 32 }), (base, ip, bits) => {
        const a = parseIp(base)?.value ?? 0n;
        const b = parseIp(ip)?.value ?? 0n;
        const shift = BigInt(32 - bits);
        expect(cidrContains(`${base}/${bits}`, ip)).toBe(a >> shift === b >> shift);
      }),
    );
  });

  it("reads IPv6 shorthand: fd00:ec2::254 is inside fd00::/8 and ::/0, not fe80::/10", () => {
    expect(cidrContains("fd00::/8", "fd00:ec2::254")).toBe(true);
    expect(cidrContains("::/0", "fd00:ec2::254")).toBe(true);
    expect(cidrContains("fe80::/10", "fd00:ec2::254")).toBe(false);
    expect(cidrContains("0.0.0.0/0", "fd00:ec2::254")).toBe(false);
  });
});
