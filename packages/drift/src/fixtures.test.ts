import { readFileSync } from "node:fs";
import { type KubeObject, parseManifests } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import { diffObjects } from "./diff.ts";
import { formatText, toDriftJson } from "./format.ts";
import { parseLiveSnapshot } from "./snapshot.ts";

const fixture = (path: string) => new URL(`./fixtures/${path}`, import.meta.url);
const desired = parseManifests(
  readFileSync(fixture("noise/desired.yaml"), "utf8"),
  "desired.yaml",
).map((m) => m.object);
const live = (path: string) => parseLiveSnapshot(readFileSync(fixture(path), "utf8"), path);

describe("server-side noise", () => {
  it("finds no drift when the live objects only carry what the API server adds", () => {
    const report = diffObjects(desired, live("noise/live.yaml"));
    expect(report.changes).toEqual([]);
    expect(report.drifted).toBe(false);
    expect(report.summary).toEqual({ missing: 0, changed: 0, extra: 0, compared: desired.length });
  });
});

describe("real drift", () => {
  const report = diffObjects(desired, live("drift/live.yaml"));
  const brief = report.changes.map((c) => ({
    type: c.type,
    kind: c.kind,
    name: c.name,
    path: c.path,
    weakens: c.weakens,
  }));
  const expectChange = (
    type: string,
    kind: string,
    name: string,
    path: string,
    weakens: string[],
  ) => expect(brief).toContainEqual({ type, kind, name, path, weakens });

  it("finds the hand-added allow-all ingress rule on the default-deny policy", () => {
    expectChange("changed", "NetworkPolicy", "default-deny", "/spec/ingress", [
      "ZT-NET-001",
      "ZT-NET-004",
    ]);
    const change = report.changes.find((c) => c.path === "/spec/ingress");
    expect(change?.desired).toBeNull();
    expect(change?.live).toEqual([{}]);
  });

  it("finds mTLS switched to PERMISSIVE and a DISABLE port override", () => {
    expectChange("changed", "PeerAuthentication", "default", "/spec/mtls/mode", ["ZT-MESH-001"]);
    expectChange("changed", "PeerAuthentication", "api", "/spec/portLevelMtls/8080", [
      "ZT-MESH-002",
    ]);
  });

  it("reports a hand-added owned RoleBinding as extra, tagged by what it grants", () => {
    expectChange("extra", "RoleBinding", "debug-admin", "", [
      "ZT-RBAC-003",
      "ZT-RBAC-004",
      "ZT-RBAC-010",
    ]);
  });

  it("never reports unowned objects, whatever they grant", () => {
    expect(brief.some((c) => c.name === "hand-made-admin")).toBe(false);
  });

  it("lists the expected set of changes and nothing else", () => {
    expect(brief.map((c) => `${c.type} ${c.kind}/${c.name} ${c.path}`)).toEqual([
      "missing ConfigMap/settings ",
      "changed Namespace/payments /metadata/labels/pod-security.kubernetes.io~1enforce",
      "changed Secret/db-credentials /data/password",
      "changed ClusterPolicy/require-run-as-non-root /spec/validationFailureAction",
      "missing NetworkPolicy/allow-dns ",
      "changed NetworkPolicy/default-deny /spec/ingress",
      "changed Server/api-http /spec/accessPolicy",
      "changed GlobalNetworkPolicy/default.deny-metadata /spec/egress/0/action",
      "changed GlobalNetworkPolicy/default.deny-metadata /spec/egress/0/destination",
      "changed GlobalNetworkPolicy/default.deny-metadata /spec/egress/1/action",
      "changed GlobalNetworkPolicy/default.deny-metadata /spec/egress/1/destination",
      "changed Role/reader /metadata/labels/app.kubernetes.io~1managed-by",
      "changed Role/reader /rules",
      "extra RoleBinding/debug-admin ",
      "changed PeerAuthentication/default /spec/mtls/mode",
      "changed PeerAuthentication/api /spec/portLevelMtls/8080",
    ]);
    expect(report.summary).toEqual({
      missing: 2,
      changed: 9,
      extra: 1,
      compared: desired.length - 2,
    });
  });

  it("never prints a Secret value, in JSON or text", () => {
    const secretValues = [
      "czNjcjN0LXZhbHVl",
      "s3cr3t-value",
      "hunter2-changed",
      btoa("hunter2-changed"),
    ];
    const outputs = [JSON.stringify(toDriftJson(report)), formatText("prod", report)];
    for (const output of outputs) {
      for (const value of secretValues) expect(output).not.toContain(value);
    }
    expect(formatText("prod", report)).toContain("/data/password: value differs (hidden)");
  });
});

describe("guard for unknown defaults on the reference fixtures", () => {
  /** FieldsV1 owning every field of a value (lists and scalars as atomic leaves). */
  const fieldsOf = (value: unknown): object =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [`f:${k}`, fieldsOf(v)]))
      : {};
  const withManagedFields = (objects: KubeObject[], entry: (o: KubeObject) => object) =>
    objects.map((o) => ({ ...o, metadata: { ...o.metadata, managedFields: [entry(o)] } }));
  const both = (objects: KubeObject[]) => {
    const off = diffObjects(desired, objects, { unknownDefaults: false });
    const on = diffObjects(desired, objects);
    expect(on).toEqual(off);
    expect(on.notes).toEqual([]);
    return on;
  };

  for (const path of ["noise/live.yaml", "drift/live.yaml"]) {
    it(`gives the same report with and without the guard: ${path}`, () => {
      expect(both(live(path)).drifted).toBe(path.startsWith("drift"));
    });
  }

  it("has nothing to downgrade in the noise fixture even when nobody owns the server's additions", () => {
    const report = both(
      withManagedFields(live("noise/live.yaml"), () => ({
        manager: "fleet-baseline",
        operation: "Apply",
        fieldsV1: { "f:metadata": { "f:labels": {} } },
      })),
    );
    expect(report.changes).toEqual([]);
  });

  it("keeps every drift of the drift fixture when a hand edit owns the live fields", () => {
    const report = both(
      withManagedFields(live("drift/live.yaml"), (o) => {
        const { apiVersion: _a, kind: _k, metadata: _m, status: _s, ...fields } = o;
        return { manager: "kubectl-edit", operation: "Update", fieldsV1: fieldsOf(fields) };
      }),
    );
    expect(report.changes.find((c) => c.path === "/spec/ingress")?.changedBy?.manager).toBe(
      "kubectl-edit",
    );
  });
});
