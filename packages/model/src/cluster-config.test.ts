import { describe, expect, it } from "vitest";
import { parseClusterConfig } from "./cluster-config.ts";
import type { FleetError } from "./errors.ts";

const head = "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\n";

describe("parseClusterConfig", () => {
  it("gives a cluster with only a name and labels the whole default baseline", () => {
    const c = parseClusterConfig(
      `${head}metadata:\n  name: dev-1\n  labels: {env: dev}\n`,
      "c.yaml",
    );
    expect(c).toMatchObject({
      name: "dev-1",
      labels: { env: "dev" },
      stage: "enforce",
      mesh: "istio",
      cni: "calico",
      admission: "kyverno",
      kubeContext: "dev-1",
      namespaces: [],
      repository: undefined,
    });
  });

  it("lets a namespace override the cluster stage and normalises the repository path", () => {
    const text = `${head}metadata: {name: p}\nspec:\n  stage: audit\n  namespaces:\n  - name: shop\n    stage: observe\n  - name: api\n  repository: {owner: corp, name: p, path: /manifests/}\n`;
    const c = parseClusterConfig(text, "c.yaml");
    expect(c.namespaces.map((n) => [n.name, n.stage])).toEqual([
      ["shop", "observe"],
      ["api", "audit"],
    ]);
    expect(c.repository).toEqual({ owner: "corp", name: "p", branch: "main", path: "manifests" });
  });

  it("names the line and the allowed values of a bad enum", () => {
    const text = `${head}metadata: {name: p}\nspec:\n  mesh: consul\n`;
    try {
      parseClusterConfig(text, "clusters/p/cluster.yaml");
      expect.unreachable();
    } catch (e) {
      const err = e as FleetError;
      expect(err.format()).toContain("clusters/p/cluster.yaml:5: spec.mesh: must be one of");
    }
  });

  it("rejects a namespace listed twice", () => {
    const text = `${head}metadata: {name: p}\nspec:\n  namespaces: [{name: a}, {name: a}]\n`;
    expect(() => parseClusterConfig(text, "c.yaml")).toThrow(/listed twice/);
  });
});

describe("rollout exceptions", () => {
  it("passes the cluster's rollout to namespaces without their own", () => {
    const c = parseClusterConfig(
      [
        "apiVersion: fleet-baseline.io/v1alpha1",
        "kind: Cluster",
        "metadata: {name: dev}",
        "spec:",
        "  stage: observe",
        "  rollout: {owner: team-platform, ticket: PLAT-1, expires: '2027-01-31'}",
        "  namespaces:",
        "    - name: a",
        "    - name: b",
        "      rollout: {owner: team-b, ticket: B-2, expires: '2027-02-28'}",
      ].join("\n"),
      "clusters/dev/cluster.yaml",
    );
    expect(c.rollout?.ticket).toBe("PLAT-1");
    expect(c.namespaces.map((n) => n.rollout?.owner)).toEqual(["team-platform", "team-b"]);
  });

  it("rejects a rollout without an expiry, naming the field", () => {
    expect(() =>
      parseClusterConfig(
        "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata: {name: dev}\nspec:\n  rollout:\n    owner: x\n    ticket: y\n",
        "c.yaml",
      ),
    ).toThrow(/missing required field "expires"/);
  });
});
