import { describe, expect, it } from "vitest";
import { KustomizeError } from "./errors.ts";
import { parseKustomization } from "./kustomization.ts";

function code(text: string): string {
  try {
    parseKustomization(text, "/k/kustomization.yaml");
  } catch (e) {
    if (e instanceof KustomizeError) return e.code;
    throw e;
  }
  return "OK";
}

describe("parseKustomization", () => {
  it("reads the file with YAML 1.1 typing and strict Go types", () => {
    expect(code("namespace: prod\n")).toBe("OK");
    expect(code("namespace: 'yes'\n")).toBe("OK");
    expect(code("commonLabels:\n  on: yes\n")).toBe("INVALID_KUSTOMIZATION");
    expect(code("commonLabels:\n  version: 2\n")).toBe("INVALID_KUSTOMIZATION");
    expect(code("replicas:\n- name: a\n  count: 3.0\n")).toBe("OK");
    expect(code("replicas:\n- name: a\n  count: 3.5\n")).toBe("INVALID_KUSTOMIZATION");
    expect(code("resources: a.yaml\n")).toBe("INVALID_KUSTOMIZATION");
  });

  it("rejects unknown fields at any depth but matches names case-insensitively", () => {
    expect(code("resource: [a]\n")).toBe("INVALID_KUSTOMIZATION");
    expect(code("configMapGenerator:\n- name: a\n  literal: [x=y]\n")).toBe(
      "INVALID_KUSTOMIZATION",
    );
    expect(code("NamePrefix: p-\n")).toBe("OK");
  });

  it("folds deprecated fields and reports them", () => {
    const { kustomization, warnings } = parseKustomization(
      "bases: [b]\nresources: [r]\nimageTags: [{name: x, newTag: '1'}]\nconfigMapGenerator:\n- name: g\n  env: e.env\n",
      "/k/kustomization.yaml",
    );
    expect(kustomization.resources).toEqual(["r", "b"]);
    expect(kustomization.images).toEqual([{ name: "x", newTag: "1" }]);
    expect(kustomization.configMapGenerator?.[0]?.envs).toEqual(["e.env"]);
    expect(warnings).toHaveLength(2);
  });

  it("tells an empty kustomization from one with an empty list", () => {
    expect(code("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")).toBe(
      "EMPTY_KUSTOMIZATION",
    );
    expect(code("resources: []\n")).toBe("OK");
    expect(code("kind: Component\n")).toBe("EMPTY_KUSTOMIZATION");
    expect(code("kind: Kustomisation\nnamespace: a\n")).toBe("INVALID_KUSTOMIZATION");
    expect(code("apiVersion: v1\nnamespace: a\n")).toBe("INVALID_KUSTOMIZATION");
  });
});
