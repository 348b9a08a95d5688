import { describe, expect, it } from "vitest";
import { errorOf } from "../test-support/errors.ts";
import { build } from "./build.ts";
import { compareLegacyOrder, legacySortKey } from "./index.ts";
import { createMemoryFs } from "./memory-fs.ts";

const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n";

describe("build", () => {
  it("builds an in-memory tree with namespace, prefix and a referenced generator", () => {
    const fs = createMemoryFs({
      "/app/kustomization.yaml":
        "namespace: shop\nnamePrefix: p-\nresources: [pod.yaml]\nconfigMapGenerator:\n- name: a\n  literals: [a=b]\n",
      "/app/pod.yaml":
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n    envFrom:\n    - configMapRef:\n        name: a\n",
    });
    const r = build(fs, "/app");
    expect(r.resources.map((o) => (o.metadata as { name: string }).name)).toEqual([
      "p-a-4h2mbtbbt6",
      "p-web",
    ]);
    expect(r.yaml).toContain("name: p-a-4h2mbtbbt6\n");
    expect(r.yaml).toContain("namespace: shop\n");
    expect(r.warnings).toEqual([]);
  });

  it("hashes secrets as kustomize does", () => {
    const fs = createMemoryFs({
      "/s/kustomization.yaml": "secretGenerator:\n- name: s\n  literals: [k=v]\n",
    });
    expect(build(fs, "/s").yaml).toBe(
      "apiVersion: v1\ndata:\n  k: dg==\nkind: Secret\nmetadata:\n  name: s-ftgtgc4t9f\ntype: Opaque\n",
    );
  });

  it("reports deprecated fields as warnings, not output", () => {
    const fs = createMemoryFs({
      "/d/kustomization.yaml": "commonLabels: {a: b}\nbases: [../base]\n",
      "/base/kustomization.yaml": "resources: [cm.yaml]\n",
      "/base/cm.yaml": CM,
    });
    const r = build(fs, "/d");
    expect(r.warnings.map((w) => w.slice(0, 30))).toEqual([
      "# Warning: 'bases' is deprecat",
      "# Warning: 'commonLabels' is d",
    ]);
    expect(r.yaml).not.toContain("Warning");
  });

  it("fails with stable codes for the errors kustomize raises", () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ "/x/kustomization.yaml": "resources: [missing.yaml]\n" }, "/x", "NOT_FOUND"],
      [{ "/x/kustomization.yaml": "resource: [a.yaml]\n" }, "/x", "INVALID_KUSTOMIZATION"],
      [{ "/x/kustomization.yaml": "kind: Kustomization\n" }, "/x", "EMPTY_KUSTOMIZATION"],
      [{ "/x/cm.yaml": CM }, "/x", "NO_KUSTOMIZATION"],
      [
        {
          "/x/kustomization.yaml": "resources: [a.yaml]\n",
          "/x/kustomization.yml": "resources: []\n",
        },
        "/x",
        "MULTIPLE_KUSTOMIZATIONS",
      ],
      [
        {
          "/a/kustomization.yaml": "resources: [../b]\n",
          "/b/kustomization.yaml": "resources: [../a]\n",
        },
        "/a",
        "CYCLE",
      ],
      [
        {
          "/x/kustomization.yaml": "resources: [a.yaml, b.yaml]\n",
          "/x/a.yaml": CM,
          "/x/b.yaml": CM,
        },
        "/x",
        "DUPLICATE_ID",
      ],
      [
        { "/x/kustomization.yaml": "resources: [../out.yaml]\n", "/out.yaml": CM },
        "/x",
        "SECURITY",
      ],
      [
        {
          "/x/kustomization.yaml": "namespace: ns\nresources: [a.yaml]\n",
          "/x/a.yaml": `${CM.replace("name: cfg", "name: cfg\n  namespace: p")}---\n${CM}`,
        },
        "/x",
        "ID_CONFLICT",
      ],
      [
        { "/x/kustomization.yaml": "configMapGenerator:\n- name: g\n  literals: [a=1, a=2]\n" },
        "/x",
        "GENERATOR",
      ],
    ];
    for (const [files, dir, code] of cases) {
      expect(errorOf(() => build(createMemoryFs(files), dir)).code, code).toBe(code);
    }
  });

  it("follows symbolic links before applying the load restriction", () => {
    const files = { "/x/kustomization.yaml": "resources: [link.yaml]\n", "/secret.yaml": CM };
    const err = errorOf(() =>
      build(createMemoryFs(files, { "/x/link.yaml": "/secret.yaml" }), "/x"),
    );
    expect(err.code).toBe("SECURITY");
    const inside = createMemoryFs(
      { "/x/kustomization.yaml": "resources: [link.yaml]\n", "/x/real/cm.yaml": CM },
      { "/x/link.yaml": "/x/real/cm.yaml" },
    );
    expect(build(inside, "/x").resources).toHaveLength(1);
    expect(
      build(createMemoryFs(files, { "/x/link.yaml": "/secret.yaml" }), "/x", {
        loadRestrictions: "none",
      }).resources,
    ).toHaveLength(1);
  });

  it("orders objects with compareLegacyOrder exactly as the build's legacy sort does", () => {
    const doc = (apiVersion: string, kind: string, name: string, ns?: string): string =>
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ""}`;
    const docs = [
      doc("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "v"),
      doc("apps/v1", "Deployment", "b", "x"),
      doc("apps/v1", "Deployment", "a", "y"),
      doc("v1", "Service", "s"),
      doc("example.com/v1", "Namespace", "odd"),
      doc("v1", "Namespace", "ns"),
      doc("example.com/v1", "Widget", "w"),
      doc("v1", "ConfigMap", "c"),
    ];
    const fs = createMemoryFs({
      "/o/kustomization.yaml": "resources: [all.yaml]\n",
      "/o/all.yaml": docs.join("---\n"),
    });
    const built = build(fs, "/o").resources;
    const shuffled = [...built].reverse();
    shuffled.push(shuffled.shift()!);
    const sorted = shuffled.sort((a, b) => compareLegacyOrder(legacySortKey(a), legacySortKey(b)));
    expect(sorted).toEqual(built);
    expect(built.map((o) => o.kind)).toEqual([
      "Namespace",
      "Namespace",
      "ConfigMap",
      "Service",
      "Deployment",
      "Deployment",
      "Widget",
      "ValidatingWebhookConfiguration",
    ]);
  });
});
