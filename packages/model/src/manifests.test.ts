import { describe, expect, it } from "vitest";
import { FleetError } from "./errors.ts";
import { parseManifests } from "./manifests.ts";

describe("parseManifests", () => {
  it("reads a multi-document stream with the line of each document", () => {
    const text =
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n# comment\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: b\n  namespace: a\n";
    const got = parseManifests(text, "x.yaml");
    expect(got.map((m) => [m.object.kind, m.object.metadata.name, m.source.line])).toEqual([
      ["Namespace", "a", 1],
      ["ServiceAccount", "b", 8],
    ]);
  });

  it("expands kubectl List output", () => {
    const text =
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n";
    expect(parseManifests(text, "l.yaml").map((m) => m.object.metadata.name)).toEqual(["c"]);
  });

  it("names the file and line of a syntax error", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n";
    try {
      parseManifests(text, "bad.yaml");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FleetError);
      expect((e as FleetError).code).toBe("BAD_YAML");
      expect((e as FleetError).format()).toMatch(/^bad\.yaml:\d+: invalid YAML/);
    }
  });

  it("rejects a document that is not an object", () => {
    expect(() => parseManifests("- a\n- b\n", "s.yaml")).toThrow(/not a Kubernetes object/);
  });
});
