import type { KubeObject } from "@fleet-baseline/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffObjects } from "./diff.ts";
import { deepEqual } from "./json.ts";
import { normalizeObject, toKubeObject } from "./normalize.ts";

const meta = (name: string, namespace = "team-a") => ({
  name,
  namespace,
  labels: { "app.kubernetes.io/managed-by": "fleet-baseline" },
});

const label = fc.constantFrom("app", "tier", "team", "kubernetes.io/metadata.name");
const labelValue = fc.constantFrom("web", "api", "db", "kube-system");
const selector = fc
  .dictionary(label, labelValue, { maxKeys: 2 })
  .map((matchLabels) => ({ matchLabels }));
const peer = fc.oneof(
  selector.map((podSelector) => ({ podSelector })),
  selector.map((namespaceSelector) => ({ namespaceSelector })),
  fc.record({ namespaceSelector: selector, podSelector: selector }),
  fc.constantFrom("10.0.0.0/8", "192.168.0.0/16").map((cidr) => ({ ipBlock: { cidr } })),
);
const port = fc.record(
  {
    port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom("http", "https")),
    protocol: fc.constantFrom("TCP", "UDP"),
  },
  { requiredKeys: ["port"] },
);
const rule = (peerKey: "from" | "to") =>
  fc.record(
    { [peerKey]: fc.array(peer, { maxLength: 3 }), ports: fc.array(port, { maxLength: 3 }) },
    { requiredKeys: [] },
  );

const networkPolicy = fc
  .record({
    name: fc.constantFrom("a", "b"),
    ingress: fc.option(fc.array(rule("from"), { maxLength: 3 }), { nil: undefined }),
    egress: fc.option(fc.array(rule("to"), { maxLength: 3 }), { nil: undefined }),
    policyTypes: fc.option(fc.subarray(["Ingress", "Egress"]), { nil: undefined }),
  })
  .map(({ name, ingress, egress, policyTypes }): KubeObject => {
    const spec: Record<string, unknown> = { podSelector: {} };
    if (ingress) spec.ingress = ingress;
    if (egress) spec.egress = egress;
    if (policyTypes) spec.policyTypes = policyTypes;
    return {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta(name),
      spec,
    };
  });

const verbs = fc.subarray(["get", "list", "watch", "create", "delete"], { minLength: 1 });
const role = fc
  .array(
    fc.record({
      apiGroups: fc.subarray(["", "apps", "batch"], { minLength: 1 }),
      resources: fc.subarray(["pods", "services", "jobs"], { minLength: 1 }),
      verbs,
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map(
    (rules): KubeObject => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta("reader"),
      rules,
    }),
  );
const binding = fc
  .array(
    fc.oneof(
      fc.constantFrom("alice", "bob").map((name) => ({ kind: "User", name })),
      fc.constantFrom("devs", "ops").map((name) => ({ kind: "Group", name })),
      fc
        .constantFrom("api", "web")
        .map((name) => ({ kind: "ServiceAccount", name, namespace: "team-a" })),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map(
    (subjects): KubeObject => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("reader"),
      roleRef: { kind: "Role", name: "reader" },
      subjects,
    }),
  );

/** A quantity and another spelling of the same value. */
const cpu = fc
  .integer({ min: 1, max: 64_000 })
  .chain((milli) =>
    fc.tuple(
      fc.constant(`${milli}m`),
      fc.constantFrom(
        milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`,
        String(milli / 1000),
        `${milli * 1000}u`,
      ),
    ),
  );
const memory = fc
  .integer({ min: 1, max: 4096 })
  .chain((mi) =>
    fc.tuple(
      fc.constant(`${mi}Mi`),
      fc.constantFrom(`${mi * 1024}Ki`, String(mi * 1048576), `${mi / 1024}Gi`),
    ),
  );
const quota = fc.tuple(cpu, memory).map(([[cpuA, cpuB], [memA, memB]]) => {
  const make = (cpuValue: string, memValue: string): KubeObject => ({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: meta("quota"),
    spec: { hard: { "requests.cpu": cpuValue, "limits.memory": memValue } },
  });
  return [make(cpuA, memA), make(cpuB, memB)] as const;
});

const calico = fc
  .array(
    fc.record({
      action: fc.constantFrom("Allow", "Deny"),
      destination: fc.record({
        ports: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
      }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map(
    (egress): KubeObject => ({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "guard", labels: { "app.kubernetes.io/managed-by": "fleet-baseline" } },
      spec: { selector: "all()", egress },
    }),
  );

const anyObject = fc.oneof(
  networkPolicy,
  role,
  binding,
  calico,
  quota.map(([a]) => a),
);

/** A copy with every set-like list of these kinds shuffled and Calico ports spelled as strings. */
function respell(object: KubeObject, random: () => number): KubeObject {
  const copy = structuredClone(object) as Record<string, unknown>;
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
    return list;
  };
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      if (object.kind !== "GlobalNetworkPolicy" || key === "ports") shuffle(value);
      if (object.kind === "GlobalNetworkPolicy" && key === "ports") {
        value.forEach((p, i) => {
          value[i] = String(p);
        });
      }
      for (const item of value) walk(item, key);
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  for (const [key, value] of Object.entries(copy)) if (key !== "metadata") walk(value, key);
  return copy as KubeObject;
}

describe("normalization properties", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(anyObject, (object) => {
        const once = normalizeObject(object);
        const twice = normalizeObject(toKubeObject(once));
        expect(deepEqual(twice, once)).toBe(true);
      }),
    );
  });

  it("finds no drift in an object against itself with set-like lists reordered", () => {
    fc.assert(
      fc.property(anyObject, fc.integer(), (object, seed) => {
        let state = seed;
        const random = () => {
          state = (state * 1103515245 + 12345) & 0x7fffffff;
          return state / 0x80000000;
        };
        const report = diffObjects([object], [respell(object, random)]);
        expect(report.changes).toEqual([]);
      }),
    );
  });

  it("finds no drift when quantities are respelled", () => {
    fc.assert(
      fc.property(quota, ([desired, live]) => {
        expect(diffObjects([desired], [live]).changes).toEqual([]);
      }),
    );
  });

  it("always finds the removal of any element of a set-like list", () => {
    const withList = fc.oneof(networkPolicy, role, binding).chain((object) => {
      const lists: Array<{ path: string; list: unknown[] }> = [];
      const walk = (value: unknown, path: string, key: string): void => {
        if (Array.isArray(value)) {
          // policyTypes of one element: removing it restores the same default.
          if (value.length > 0 && !(key === "policyTypes" && value.length === 1))
            lists.push({ path, list: value });
          value.forEach((v, i) => {
            walk(v, `${path}/${i}`, key);
          });
        } else if (typeof value === "object" && value !== null) {
          for (const [k, v] of Object.entries(value)) walk(v, `${path}/${k}`, k);
        }
      };
      for (const [k, v] of Object.entries(object)) if (k !== "metadata") walk(v, `/${k}`, k);
      return lists.length === 0
        ? fc.constant(undefined)
        : fc
            .integer({ min: 0, max: lists.length - 1 })
            .chain((i) =>
              fc.tuple(
                fc.constant(object),
                fc.constant(i),
                fc.nat({ max: (lists[i]?.list.length ?? 1) - 1 }),
              ),
            );
    });
    fc.assert(
      fc.property(withList, (picked) => {
        if (!picked) return;
        const [object, listIndex, element] = picked;
        const live = structuredClone(object);
        const paths: unknown[][] = [];
        const walk = (value: unknown): void => {
          if (Array.isArray(value)) {
            if (value.length > 0) paths.push(value);
            value.forEach(walk);
          } else if (typeof value === "object" && value !== null)
            Object.values(value).forEach(walk);
        };
        for (const [k, v] of Object.entries(live)) if (k !== "metadata") walk(v);
        // Same traversal order as above, minus the skipped single policyTypes.
        const candidates = paths.filter(
          (list) => !(list.length === 1 && (list[0] === "Ingress" || list[0] === "Egress")),
        );
        candidates[listIndex]?.splice(element, 1);
        expect(diffObjects([object], [live]).changes.length).toBeGreaterThan(0);
      }),
    );
  });
});
