import { describe, expect, it } from "vitest";
import { kubeContextOf } from "./cluster-config.ts";
import { parseLiveSnapshot } from "./snapshot.ts";
import { assertUnambiguousYaml } from "./yaml-ambiguity.ts";

describe("live snapshots", () => {
  it("reads a raw API list whose items lack apiVersion and kind", () => {
    const text = JSON.stringify({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicyList",
      metadata: { resourceVersion: "42" },
      items: [{ metadata: { name: "a", namespace: "n" }, spec: {} }],
    });
    const [object] = parseLiveSnapshot(text, "live.json");
    expect(object).toMatchObject({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy" });
  });

  it("reads multi-document YAML", () => {
    const text =
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n";
    expect(parseLiveSnapshot(text, "live.yaml").map((o) => o.metadata.name)).toEqual(["a", "b"]);
  });

  it("names the file and line of what is not an object", () => {
    expect(() =>
      parseLiveSnapshot("apiVersion: v1\nkind: List\nitems:\n- hello\n", "snap.yaml"),
    ).toThrow(expect.objectContaining({ code: "BAD_MANIFEST", file: "snap.yaml" }));
    expect(() => parseLiveSnapshot("a: [", "snap.yaml")).toThrow(
      expect.objectContaining({ code: "BAD_YAML" }),
    );
  });
});

describe("cluster kube context", () => {
  it("reads spec.kube.context and defaults to the cluster name", () => {
    expect(kubeContextOf("spec:\n  kube:\n    context: gke_prod\n", "prod")).toBe("gke_prod");
    expect(kubeContextOf("spec: {}\n", "prod")).toBe("prod");
    expect(() => kubeContextOf("spec:\n  kube:\n    context: 3\n", "prod", "cluster.yaml")).toThrow(
      expect.objectContaining({ code: "BAD_CONFIG" }),
    );
  });
});

describe("YAML 1.1 / 1.2 ambiguity in desired manifests", () => {
  it("flags plain yes/on/octal scalars with their line, and accepts quoted ones", () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "yes"\n  mode: 0644\n';
    expect(() => assertUnambiguousYaml(text, "c.yaml")).toThrow(
      expect.objectContaining({ code: "BAD_YAML", file: "c.yaml", line: 6 }),
    );
    expect(() => assertUnambiguousYaml("data:\n  enabled: on\n", "c.yaml")).toThrow(
      /quote it|1\.1/,
    );
    expect(() =>
      assertUnambiguousYaml('data:\n  a: "on"\n  b: true\n  c: 420\n  d: "0644"\n', "c.yaml"),
    ).not.toThrow();
  });
});
