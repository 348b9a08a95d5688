import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ValueMap } from "../value.ts";
import { applyJsonPatch } from "./json-patch.ts";
import { decodeJsonPatch } from "./patch-text.ts";

const doc = () => parse("metadata: {name: c}\ndata: {x: '1', a/b: z}\nlist: [a, b]") as ValueMap;
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("applyJsonPatch (evanphx/json-patch v4 behaviour)", () => {
  it("adds, replaces, moves, copies and tests with RFC 6901 pointers", () => {
    const out = applyJsonPatch(
      doc(),
      decodeJsonPatch(`
- {op: add, path: /list/-, value: c}
- {op: add, path: /list/0, value: first}
- {op: replace, path: /data/a~1b, value: why}
- {op: copy, from: /data/x, path: /data/copied}
- {op: move, from: /data/x, path: /metadata/moved}
- {op: test, path: /list/1, value: a}
- {op: add, path: /list/-1, value: on}
`),
    );
    expect(plain(out)).toEqual({
      metadata: { name: "c", moved: "1" },
      data: { "a/b": "why", copied: "1" },
      list: ["first", "a", "b", "c", true],
    });
  });

  it("treats replace of a missing object key as add", () => {
    expect(
      plain(applyJsonPatch(doc(), [{ op: "replace", path: "/data/zz", value: "v" }])).data.zz,
    ).toBe("v");
  });

  it("fails like kustomize on a failing test and on removing a missing key", () => {
    expect(() => applyJsonPatch(doc(), [{ op: "test", path: "/data/x", value: 1 }])).toThrow(
      "testing value /data/x failed: test failed",
    );
    expect(() => applyJsonPatch(doc(), [{ op: "remove", path: "/data/zz" }])).toThrow(
      "Unable to remove nonexistent key: zz",
    );
    expect(() => applyJsonPatch(doc(), [{ op: "add", path: "/nope/x", value: 1 }])).toThrow(
      "doc is missing path",
    );
  });

  it("reads YAML patches with YAML 1.1 scalars, as sigs.k8s.io/yaml does", () => {
    expect(decodeJsonPatch("- {op: add, path: /a, value: yes}")[0]?.value).toBe(true);
    expect(decodeJsonPatch('[{"op": "add", "path": "/a", "value": "yes"}]')[0]?.value).toBe("yes");
  });
});
