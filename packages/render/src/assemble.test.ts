import { FleetError, parseManifests } from "@fleet-baseline/model";
import { createMemoryFs } from "kustomize-ts";
import { describe, expect, it } from "vitest";
import { assembleCluster } from "./assemble.ts";
import { loadFleetRepo } from "./repo.ts";

const K = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
const NOW = new Date("2026-11-22T12:00:00Z");

/** A small repository: one namespace template, one stage-scoped policy, one overlay. */
function repoFiles(extra: Record<string, string> = {}): Record<string, string> {
  return {
    "/r/baselines/network/namespace/kustomization.yaml": `${K}resources:\n  - default-deny.yaml\n`,
    "/r/baselines/network/namespace/default-deny.yaml": [
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata:",
      "  name: default-deny",
      "  annotations:",
      "    fleet-baseline.io/controls: ZT-NET-001,ZT-NET-002",
      "spec:",
      "  podSelector: {}",
      "  policyTypes: [Ingress, Egress]",
      "",
    ].join("\n"),
    "/r/baselines/admission-kyverno/policies/kustomization.yaml": `${K}resources:\n  - p.yaml\n`,
    "/r/baselines/admission-kyverno/policies/p.yaml": [
      "apiVersion: policies.kyverno.io/v1",
      "kind: ValidatingPolicy",
      "metadata:",
      "  name: zt-p",
      "  annotations:",
      "    fleet-baseline.io/controls: ZT-PSS-004",
      "    fleet-baseline.io/rollout-stage: ${stage.name}",
      "spec:",
      "  validationActions: ${mode.kyvernoActions}",
      "  matchConstraints:",
      "    namespaceSelector: ${scope.namespaceSelector}",
      "",
    ].join("\n"),
    "/r/baselines/admission-gatekeeper/policies/kustomization.yaml": `${K}resources: []\n`,
    "/r/overlays/app/kustomization.yaml": `${K}resources:\n  - sa.yaml\n`,
    "/r/overlays/app/sa.yaml":
      "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-${namespace.name}\n",
    "/r/clusters/c1/cluster.yaml": [
      "apiVersion: fleet-baseline.io/v1alpha1",
      "kind: Cluster",
      "metadata: {name: c1}",
      "spec:",
      "  stage: enforce",
      "  namespaces:",
      "    - name: a",
      "      overlays: [app]",
      "    - name: b",
      "      stage: observe",
      "      rollout: {owner: team-b, ticket: B-1, expires: '2027-01-31'}",
      "      overlays: [app]",
      "",
    ].join("\n"),
    ...extra,
  };
}

function assemble(files: Record<string, string>, now = NOW) {
  const fs = createMemoryFs(files);
  const repo = loadFleetRepo(fs, "/r");
  const source = repo.clusters[0];
  if (!source) throw new Error("no cluster");
  return assembleCluster(fs, repo, source, { now });
}

function objects(tree: { files: Record<string, string> }, path: string) {
  return parseManifests(tree.files[path] ?? "", path).map((m) => m.object);
}

function caught(fn: () => unknown): FleetError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FleetError) return error;
    throw error;
  }
  throw new Error("expected a FleetError");
}

describe("assembleCluster", () => {
  it("gives every tenant namespace the namespace templates under kustomize's namespace:", () => {
    const tree = assemble(repoFiles());
    for (const ns of ["a", "b"]) {
      expect(tree.files[`namespaces/${ns}/kustomization.yaml`]).toContain(`namespace: ${ns}\n`);
      expect(tree.files[`namespaces/${ns}/kustomization.yaml`]).toContain(
        "baseline/network/default-deny.yaml",
      );
      expect(tree.sources.get(`networking.k8s.io/NetworkPolicy/${ns}/default-deny`)).toEqual({
        file: "baselines/network/namespace/default-deny.yaml",
        line: 1,
      });
    }
    expect(tree.files["kustomization.yaml"]).toContain(
      "app.kubernetes.io/managed-by: fleet-baseline",
    );
  });

  it("renders stage-scoped policies once per stage, each scoped to its namespaces", () => {
    const tree = assemble(repoFiles());
    const [enforce] = objects(tree, "cluster/admission-kyverno/policies/p.yaml");
    const [observe] = objects(tree, "cluster/admission-kyverno/policies/observe/p.yaml");
    expect(enforce?.metadata.name).toBe("zt-p");
    expect(enforce?.spec).toMatchObject({
      validationActions: ["Deny"],
      matchConstraints: { namespaceSelector: { matchExpressions: [{ operator: "NotIn" }] } },
    });
    const spec = enforce?.spec as
      | { matchConstraints: { namespaceSelector: { matchExpressions: { values: string[] }[] } } }
      | undefined;
    const excluded = spec?.matchConstraints.namespaceSelector.matchExpressions[0]?.values;
    expect(excluded).toContain("kube-system");
    expect(excluded).toContain("b");
    expect(excluded).not.toContain("a");
    expect(observe?.metadata.name).toBe("zt-p-observe");
    expect(observe?.spec).toMatchObject({
      validationActions: ["Audit"],
      matchConstraints: {
        namespaceSelector: { matchExpressions: [{ operator: "In", values: ["b"] }] },
      },
    });
    // the weaker stage is an exception owned by the namespace's rollout
    expect(observe?.metadata.annotations).toMatchObject({
      "fleet-baseline.io/exception-controls": "ZT-PSS-004",
      "fleet-baseline.io/exception-owner": "team-b",
      "fleet-baseline.io/exception-expires": "2027-01-31",
    });
    expect(enforce?.metadata.annotations?.["fleet-baseline.io/exception-owner"]).toBeUndefined();
  });

  it("switches PSA enforce with the namespace's stage and records the rollout exception", () => {
    const tree = assemble(repoFiles());
    const [a] = objects(tree, "namespaces/a/namespace.yaml");
    const [b] = objects(tree, "namespaces/b/namespace.yaml");
    expect(a?.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBeUndefined();
    expect(a?.metadata.annotations?.["fleet-baseline.io/rollout-stage"]).toBe("enforce");
    expect(b?.metadata.annotations?.["fleet-baseline.io/rollout-stage"]).toBe("observe");
    const withPsa = assemble(
      repoFiles({
        "/r/baselines/pod-security/namespace/kustomization.yaml": `${K}resources: []\n`,
      }),
    );
    const [pa] = objects(withPsa, "namespaces/a/namespace.yaml");
    const [pb] = objects(withPsa, "namespaces/b/namespace.yaml");
    expect(pa?.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.31",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    expect(pb?.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("baseline");
    expect(pb?.metadata.annotations?.["fleet-baseline.io/exception-controls"]).toBe("ZT-PSS-001");
  });

  it("substitutes namespace variables in overlays and credits their source", () => {
    const tree = assemble(repoFiles());
    expect(tree.files["namespaces/b/overlays/app/sa.yaml"]).toContain("name: app-b");
    expect(tree.sources.get("/ServiceAccount/b/app-b")).toEqual({
      file: "overlays/app/sa.yaml",
      line: 1,
    });
  });

  it("fails on an unknown overlay with file, line, field and the allowed names", () => {
    const files = repoFiles();
    files["/r/clusters/c1/cluster.yaml"] = (files["/r/clusters/c1/cluster.yaml"] ?? "").replace(
      "overlays: [app]\n    - name: b",
      "overlays: [app, nope]\n    - name: b",
    );
    const error = caught(() => assemble(files));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain('unknown overlay "nope"');
    expect(error.file).toBe("clusters/c1/cluster.yaml");
    expect(error.line).toBe(8);
    expect(error.field).toBe("spec.namespaces.0.overlays.1");
    expect(error.hint).toContain("app");
  });

  it("fails on an expired exception, naming the object and where it is written", () => {
    const error = caught(() =>
      assemble(
        repoFiles({
          "/r/overlays/app/sa.yaml": [
            "apiVersion: v1",
            "kind: ServiceAccount",
            "metadata:",
            "  name: legacy",
            "  annotations:",
            "    fleet-baseline.io/exception-controls: ZT-ID-002",
            "    fleet-baseline.io/exception-owner: team-a",
            "    fleet-baseline.io/exception-ticket: SEC-9",
            '    fleet-baseline.io/exception-expires: "2026-11-01"',
            "",
          ].join("\n"),
        }),
      ),
    );
    expect(error.code).toBe("EXPIRED_EXCEPTION");
    expect(error.message).toContain('ServiceAccount "legacy"');
    expect(error.message).toContain("ZT-ID-002");
    expect(error.message).toContain("2026-11-01");
    expect(error.file).toBe("overlays/app/sa.yaml");
    expect(error.field).toBe("metadata.annotations.fleet-baseline.io/exception-expires");
    // the same exception is fine a month earlier
    expect(() =>
      assemble(
        repoFiles({
          "/r/overlays/app/sa.yaml":
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: legacy\n  annotations:\n    fleet-baseline.io/exception-controls: ZT-ID-002\n    fleet-baseline.io/exception-owner: team-a\n    fleet-baseline.io/exception-ticket: SEC-9\n    fleet-baseline.io/exception-expires: '2026-11-01'\n",
        }),
        new Date("2026-10-01T00:00:00Z"),
      ),
    ).not.toThrow();
  });

  it("fails when a rollout has expired, pointing at cluster.yaml", () => {
    const error = caught(() => assemble(repoFiles(), new Date("2027-02-01T00:00:00Z")));
    expect(error.code).toBe("EXPIRED_EXCEPTION");
    expect(error.message).toContain("B-1");
    expect(error.file).toBe("clusters/c1/cluster.yaml");
    expect(error.line).toBe(11);
  });

  it("fails on an object defined twice, naming both places", () => {
    const error = caught(() =>
      assemble(
        repoFiles({
          "/r/overlays/app/kustomization.yaml": `${K}resources:\n  - sa.yaml\n  - np.yaml\n`,
          "/r/overlays/app/np.yaml":
            "# copied by mistake\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n",
        }),
      ),
    );
    expect(error.code).toBe("DUPLICATE_OBJECT");
    expect(error.message).toContain('NetworkPolicy "default-deny" (a)');
    expect(error.message).toContain("baselines/network/namespace/default-deny.yaml:1");
    expect(error.file).toBe("overlays/app/np.yaml");
    expect(error.line).toBe(2);
  });

  it("refuses Pod Security below restricted without an exception for ZT-PSS-001", () => {
    const error = caught(() =>
      assemble(
        repoFiles({
          "/r/baselines/pod-security/namespace/kustomization.yaml": `${K}resources: []\n`,
          "/r/overlays/app/namespace.yaml":
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n",
        }),
      ),
    );
    expect(error.code).toBe("BAD_CONFIG");
    expect(error.message).toContain('enforces Pod Security "privileged"');
    expect(error.file).toBe("overlays/app/namespace.yaml");
  });

  it("refuses system namespaces and default as tenant namespaces", () => {
    const files = repoFiles();
    files["/r/clusters/c1/cluster.yaml"] = (files["/r/clusters/c1/cluster.yaml"] ?? "").replace(
      "name: b",
      "name: kube-system",
    );
    const error = caught(() => assemble(files));
    expect(error.code).toBe("BAD_CONFIG");
    expect(error.field).toBe("spec.namespaces.1.name");
  });

  it("picks mesh, admission and CNI baselines by the cluster's choice, minus exclusions", () => {
    const gk = assemble(
      repoFiles({
        "/r/clusters/c1/cluster.yaml":
          "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata: {name: c1}\nspec:\n  admission: gatekeeper\n  baselines: {exclude: [network]}\n",
      }),
    );
    expect(Object.keys(gk.files).some((p) => p.includes("admission-kyverno"))).toBe(false);
    const error = caught(() =>
      assemble(
        repoFiles({
          "/r/clusters/c1/cluster.yaml":
            "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata: {name: c1}\nspec:\n  baselines:\n    exclude: [netwrk]\n",
        }),
      ),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(error.line).toBe(6);
    expect(error.hint).toContain("network");
  });
});
