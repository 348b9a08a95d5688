import type { KubeObject } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import { diffObjects } from "./diff.ts";
import { formatMarkdown, formatText, toDriftJson } from "./format.ts";

const owned = { "app.kubernetes.io/managed-by": "fleet-baseline" };
type Entry = { manager: string; operation?: string; fieldsV1: object; subresource?: string };
const managed = (...entries: Entry[]) =>
  entries.map((e) => ({ apiVersion: "v1", fieldsType: "FieldsV1", operation: "Update", ...e }));
const applied: Entry = {
  manager: "fleet-baseline",
  operation: "Apply",
  fieldsV1: { "f:spec": { "f:size": {} } },
};
const widget = (spec: object, managedFields?: object[]): KubeObject => ({
  apiVersion: "example.com/v1",
  kind: "Widget",
  metadata: {
    name: "w",
    namespace: "shop",
    labels: owned,
    ...(managedFields && { managedFields }),
  },
  spec,
});
const retries = (manager: string): Entry => ({
  manager,
  fieldsV1: { "f:spec": { "f:retries": {} } },
});
const brief = (report: ReturnType<typeof diffObjects>) => ({
  drifted: report.drifted,
  changes: report.changes.map((c) => `${c.path} ${c.changedBy?.manager ?? ""}`),
  notes: report.notes.map((n) => `${n.path} [${n.owners.join(",")}]`),
});

describe("guard for unknown defaults", () => {
  const desired = [widget({ size: 1 })];

  it("notes a live-only key owned only by kube-controller-manager, without drift", () => {
    const live = widget(
      { size: 1, retries: 3 },
      managed(applied, retries("kube-controller-manager")),
    );
    const report = diffObjects(desired, [live]);
    expect(brief(report)).toEqual({
      drifted: false,
      changes: [],
      notes: ["/spec/retries [kube-controller-manager]"],
    });
    expect(report.summary.changed).toBe(0);
    expect(toDriftJson(report).notes).toEqual([
      "example.com/v1 Widget shop/w /spec/retries: added in cluster, owned only by trusted kube-controller-manager: taken as a server default, not drift",
    ]);
    expect(formatText("prod", report)).toContain("no drift");
    expect(formatText("prod", report)).toContain(
      "note: example.com/v1 Widget shop/w /spec/retries",
    );
    expect(formatMarkdown("prod", report)).toContain("> note: example.com/v1 Widget");
  });

  it("keeps the same key drift when kubectl-edit owns it", () => {
    const live = widget({ size: 1, retries: 3 }, managed(applied, retries("kubectl-edit")));
    const report = diffObjects(desired, [live]);
    expect(brief(report)).toEqual({
      drifted: true,
      changes: ["/spec/retries kubectl-edit"],
      notes: [],
    });
    expect(report.summary.changed).toBe(1);
  });

  it("notes a key nobody owns, and keeps drift when a trusted and an untrusted manager share it", () => {
    const nobody = diffObjects(desired, [widget({ size: 1, retries: 3 }, managed(applied))]);
    expect(brief(nobody).notes).toEqual(["/spec/retries []"]);
    expect(toDriftJson(nobody).notes?.[0]).toContain("owned by no field manager");
    const shared = managed(applied, retries("kube-controller-manager"), retries("kubectl-patch"));
    expect(brief(diffObjects(desired, [widget({ size: 1, retries: 3 }, shared)])).changes).toEqual([
      "/spec/retries kube-controller-manager",
    ]);
  });

  it("trusts extra platform controllers only when configured, and can be turned off", () => {
    const live = widget({ size: 1, retries: 3 }, managed(applied, retries("kyverno")));
    expect(diffObjects(desired, [live]).drifted).toBe(true);
    expect(diffObjects(desired, [live], { trustedManagers: ["kyverno"] }).drifted).toBe(false);
    const trusted = widget(
      { size: 1, retries: 3 },
      managed(applied, retries("kube-controller-manager")),
    );
    const off = diffObjects(desired, [trusted], { unknownDefaults: false });
    expect(brief(off)).toMatchObject({
      drifted: true,
      changes: ["/spec/retries kube-controller-manager"],
    });
  });

  it("changes nothing for objects without managedFields (plain snapshots)", () => {
    const report = diffObjects(desired, [widget({ size: 1, retries: 3 })]);
    expect(brief(report)).toEqual({ drifted: true, changes: ["/spec/retries "], notes: [] });
  });

  it("only counts status writes as no ownership and never downgrades changed values", () => {
    const status: Entry = { ...retries("kubectl-edit"), subresource: "status" };
    const live = widget({ size: 2, retries: 3 }, managed(applied, status));
    expect(brief(diffObjects(desired, [live]))).toEqual({
      drifted: true,
      changes: ["/spec/size fleet-baseline"],
      notes: ["/spec/retries []"],
    });
  });

  it("names list items by key, value or index, and lets an atomic leaf own its subtree", () => {
    const want = [widget({ size: 1, items: [{ name: "a" }, { name: "b" }], tags: ["x"] })];
    const have = widget({
      size: 1,
      items: [{ name: "a" }, { name: "b", extra: 1 }],
      tags: ["x"],
      sel: { k: "v" },
    });
    const keyed = (manager: string, item: string): Entry => ({
      manager,
      fieldsV1: { "f:spec": { "f:items": { [item]: { "f:extra": {} } }, "f:sel": {} } },
    });
    have.metadata.managedFields = managed(
      applied,
      keyed("kube-controller-manager", 'k:{"name":"b"}'),
    );
    expect(brief(diffObjects(want, [have])).notes).toEqual([
      "/spec/items/1/extra [kube-controller-manager]",
      "/spec/sel [kube-controller-manager]",
    ]);
    have.metadata.managedFields = managed(applied, keyed("kubectl-edit", 'k:{"name":"b"}'));
    expect(brief(diffObjects(want, [have])).changes).toEqual([
      "/spec/items/1/extra kubectl-edit",
      "/spec/sel kubectl-edit",
    ]);
    have.metadata.managedFields = managed(applied, keyed("kubectl-edit", "i:1"));
    expect(brief(diffObjects(want, [have])).notes).toEqual([]);
    have.metadata.managedFields = managed(applied, keyed("kubectl-edit", 'k:{"name":"a"}'));
    expect(brief(diffObjects(want, [have])).notes).toEqual(["/spec/items/1/extra []"]);
    have.metadata.managedFields = managed(applied, {
      manager: "kubectl-patch",
      fieldsV1: { "f:spec": { "f:sel": { "f:k": {} } } },
    });
    expect(brief(diffObjects(want, [have])).changes).toEqual(["/spec/sel kubectl-patch"]);
  });

  it("keeps ingress: [{}] added to a default-deny policy by client-side apply as drift", () => {
    const policy = (spec: object, managedFields?: object[]): KubeObject => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: {
        name: "default-deny",
        namespace: "shop",
        labels: owned,
        ...(managedFields && { managedFields }),
      },
      spec,
    });
    const desiredPolicy = policy({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const fieldsV1 = { "f:spec": { "f:ingress": {}, "f:podSelector": {}, "f:policyTypes": {} } };
    const live = policy(
      { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}] },
      managed({ manager: "kubectl-client-side-apply", fieldsV1 }),
    );
    const report = diffObjects([desiredPolicy], [live]);
    expect(report.notes).toEqual([]);
    expect(report.changes).toHaveLength(1);
    const [change] = report.changes;
    expect(change?.path).toBe("/spec/ingress");
    expect(change?.changedBy?.manager).toBe("kubectl-client-side-apply");
    expect(change?.weakens.length).toBeGreaterThan(0);
    for (const id of change?.weakens ?? []) expect(id).toMatch(/^ZT-NET-\d{3}$/);
  });
});
