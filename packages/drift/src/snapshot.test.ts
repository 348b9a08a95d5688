import { describe, expect, it } from "vitest";
import { kubeContextOf } from "./cluster-config.ts";
import { parseLiveSnapshot } from "./snapshot.ts";

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
