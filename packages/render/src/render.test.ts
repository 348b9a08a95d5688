import { build, createMemoryFs } from "kustomize-ts";
import { describe, expect, it } from "vitest";
import { renderCluster, renderedFiles, renderFleet } from "./render.ts";

const K = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
const now = new Date("2026-11-22T12:00:00Z");

const files: Record<string, string> = {
  "/r/baselines/network/namespace/kustomization.yaml": `${K}resources:\n  - deny.yaml\n`,
  "/r/baselines/network/namespace/deny.yaml":
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n",
  "/r/baselines/rbac/cluster/kustomization.yaml": `${K}resources:\n  - reader.yaml\n`,
  "/r/baselines/rbac/cluster/reader.yaml":
    "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fleet-info\n  namespace: kube-system\ndata:\n  cluster: ${cluster.name}\n",
  "/r/overlays/app/kustomization.yaml": `${K}resources:\n  - app.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals: [mode=\${stage.name}]\n`,
  "/r/overlays/app/app.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: app",
    "spec:",
    "  selector: {matchLabels: {app: app}}",
    "  template:",
    "    metadata: {labels: {app: app}}",
    "    spec:",
    "      containers:",
    "        - name: app",
    "          image: registry.corp.example/app:1.0",
    "          envFrom: [{configMapRef: {name: app-config}}]",
    "---",
    "apiVersion: v1",
    "kind: Service",
    "metadata:",
    "  name: app",
    "spec:",
    "  selector: {app: app}",
    "  ports: [{port: 80}]",
    "",
  ].join("\n"),
  "/r/clusters/one/cluster.yaml":
    "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata: {name: one}\nspec:\n  stage: audit\n  namespaces:\n    - name: zeta\n      overlays: [app]\n    - name: alpha\n      stage: enforce\n      overlays: [app]\n",
  "/r/clusters/two/cluster.yaml":
    "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata: {name: two}\nspec:\n  namespaces:\n    - name: alpha\n      overlays: [app]\n",
};

describe("renderCluster", () => {
  const fs = createMemoryFs(files);

  it("prints what kustomize-ts prints for the whole emitted tree, in legacy order", () => {
    for (const name of ["one", "two"]) {
      const cluster = renderCluster(fs, name, { root: "/r", now });
      const tree: Record<string, string> = {};
      for (const [p, c] of Object.entries(cluster.tree)) tree[`/t/${p}`] = c;
      expect(cluster.yaml).toBe(build(createMemoryFs(tree), "/t").yaml);
    }
  });

  it("labels every object and follows generator names (hash suffix) in references", () => {
    const cluster = renderCluster(fs, "one", { root: "/r", now });
    const kinds = cluster.objects.map(
      (o) => `${o.object.kind}/${o.object.metadata.namespace ?? ""}/${o.object.metadata.name}`,
    );
    expect(kinds.slice(0, 2)).toEqual(["Namespace//alpha", "Namespace//zeta"]);
    for (const o of cluster.objects) {
      expect(o.object.metadata.labels?.["app.kubernetes.io/managed-by"]).toBe("fleet-baseline");
    }
    const generated = cluster.objects.filter((o) =>
      o.object.metadata.name?.startsWith("app-config-"),
    );
    expect(generated).toHaveLength(2);
    // the stage feeds the generator, so the two namespaces' configs (and hashes) differ
    expect(new Set(generated.map((g) => g.object.metadata.name)).size).toBe(2);
    expect(cluster.yaml).toContain(`name: ${generated[0]?.object.metadata.name}`);
  });

  it("records where every object came from, including generated ones", () => {
    const cluster = renderCluster(fs, "one", { root: "/r", now });
    const source = (kind: string, ns: string, name: string) =>
      cluster.index.objects.find(
        (e) => e.kind === kind && e.namespace === ns && e.name.startsWith(name),
      )?.source;
    expect(source("Service", "zeta", "app")).toEqual({ file: "overlays/app/app.yaml", line: 15 });
    expect(source("NetworkPolicy", "alpha", "default-deny")).toEqual({
      file: "baselines/network/namespace/deny.yaml",
      line: 1,
    });
    expect(source("Namespace", "", "zeta")).toEqual({ file: "clusters/one/cluster.yaml", line: 7 });
    expect(source("ConfigMap", "zeta", "app-config")?.file).toBe("overlays/app/kustomization.yaml");
    expect(source("ConfigMap", "kube-system", "fleet-info")).toEqual({
      file: "baselines/rbac/cluster/reader.yaml",
      line: 7,
    });
  });

  it("writes one file per object at a stable path plus index.json", () => {
    const cluster = renderCluster(fs, "two", { root: "/r", now });
    const out = renderedFiles(cluster);
    expect(Object.keys(out)).toContain(
      "_cluster/clusterrole.rbac.authorization.k8s.io_reader.yaml",
    );
    expect(Object.keys(out)).toContain("alpha/deployment.apps_app.yaml");
    expect(Object.keys(out)).toContain("index.json");
    expect(JSON.parse(out["index.json"] ?? "").objects).toHaveLength(cluster.objects.length);
    expect(Object.values(out).filter((v, i, a) => a.indexOf(v) !== i)).toEqual([]);
  });

  it("renders the same bytes whether clusters share a memo or not", () => {
    const together = renderFleet(fs, { root: "/r", now });
    for (const cluster of together.clusters) {
      expect(cluster.yaml).toBe(renderCluster(fs, cluster.name, { root: "/r", now }).yaml);
    }
    expect(together.clusters.find((c) => c.name === "two")?.yaml).toContain("cluster: two");
  });
});
