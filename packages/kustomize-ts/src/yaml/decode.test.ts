import { describe, expect, it, vi } from "vitest";
import { errorOf } from "../../test-support/errors.ts";
import { kubectlOutput } from "../../test-support/kubectl-oracle.ts";
import { KustomizeError } from "../errors.ts";
import type { Value, ValueMap } from "../value.ts";
import { decodeStream, decodeYaml } from "./decode.ts";
import { encodeStream } from "./encode.ts";

// Each test may run kubectl (about 50 ms, far more on a loaded machine).
vi.setConfig({ testTimeout: 60_000 });

function specOf(yamlSpec: string): ValueMap {
  const docs = decodeStream(`kind: X\nspec:\n${yamlSpec}`, "r.yaml");
  return (docs[0] as ValueMap).spec as ValueMap;
}

describe("decodeStream typing (go-yaml v3)", () => {
  it("types plain scalars by YAML 1.2 core plus go-yaml's leftovers", () => {
    const spec = specOf(
      [
        "  words: [yes, no, on, off, y, n]",
        "  bools: [true, True, TRUE, false, FALSE]",
        "  nulls: {a: null, b: Null, c: ~}",
        "  blockNull:",
        "  ints: [0755, 0o17, 0x1F, 0b101, 1_000, +1, -0x10, 08]",
        "  big: [9007199254740993, 18446744073709551615, -9223372036854775809]",
        "  floats: [1.0, 1e3, .5, 1., 6.02e23]",
        "  specials: [.inf, -.Inf, .nan]",
        "  times: [2024-01-01, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10]",
        "  notTimes: [2024-02-30, 2024-1-2x]",
        "  strings: [1e400, 0x, 1:20, '123', \"true\", !!str 123]",
        "  tagged: [!!float 1, !!binary aGVsbG8=, !custom 5]",
      ].join("\n"),
    );
    expect(spec.words).toEqual(["yes", "no", "on", "off", "y", "n"]);
    expect(spec.bools).toEqual([true, true, true, false, false]);
    expect(spec.nulls).toEqual({ a: null, b: null, c: null });
    expect(spec.blockNull).toBeNull();
    expect(spec.ints).toEqual([493, 15, 31, 5, 1000, 1, -16, 8]);
    expect(spec.big).toEqual([9007199254740993n, 18446744073709551615n, -(2 ** 63)]);
    expect(spec.floats).toEqual([1, 1000, 0.5, 1, 6.02e23]);
    expect(spec.specials).toEqual([Infinity, -Infinity, Number.NaN]);
    expect(spec.times).toEqual([
      "2024-01-01T00:00:00Z",
      "2001-12-14T21:59:43.1-05:00",
      "2001-12-14T21:59:43.1Z",
    ]);
    expect(spec.notTimes).toEqual(["2024-02-30", "2024-1-2x"]);
    expect(spec.strings).toEqual(["1e400", "0x", "1:20", "123", "true", "123"]);
    expect(spec.tagged).toEqual([1, "hello", "5"]);
  });

  it("expands anchors, aliases and << merge keys (own keys win, then the first source)", () => {
    const spec = specOf(
      [
        "  a: &a {p: 1, q: 1}",
        "  b: &b {q: 2, r: 2}",
        "  list: [*a, *a]",
        "  m1: {<<: [*a, *b], s: 3}",
        "  m2: {<<: *a, p: 9}",
        "  m3: {<<: {z: 1}, y: 2}",
        "  m4: {!!merge <<: *b}",
        '  dropped: {"<<": *a, x: 1}',
      ].join("\n"),
    );
    expect(spec.list).toEqual([
      { p: 1, q: 1 },
      { p: 1, q: 1 },
    ]);
    expect(spec.m1).toEqual({ p: 1, q: 1, r: 2, s: 3 });
    expect(spec.m2).toEqual({ p: 9, q: 1 });
    expect(spec.m3).toEqual({ z: 1, y: 2 });
    expect(spec.m4).toEqual({ q: 2, r: 2 });
    expect(spec.dropped).toEqual({ x: 1 });
  });

  it("stops alias bombs instead of expanding them", () => {
    let text = "kind: A\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${`*a${i - 1}, `.repeat(9)}*a${i - 1}]\n`;
    expect(errorOf(() => decodeStream(text, "bomb.yaml")).message).toMatch(/excessive aliasing/);
  }, 30_000);

  it("gives maps a null prototype so __proto__ is data", () => {
    const spec = specOf("  __proto__: x\n  constructor: y");
    expect(Object.getPrototypeOf(spec)).toBeNull();
    expect(Object.keys(spec)).toEqual(["__proto__", "constructor"]);
  });

  it("keeps top-level non-string keys as their text but rejects them in nested maps", () => {
    const [doc] = decodeStream("kind: X\n1: a\n~: b\n", "r.yaml") as ValueMap[];
    expect(doc).toEqual({ kind: "X", "1": "a", "": "b" });
    expect(errorOf(() => decodeStream("kind: X\nspec:\n  1: a\n", "r.yaml")).code).toBe(
      "SERIALIZE",
    );
  });
});

describe("decodeStream documents", () => {
  it("splits on --- lines, skips empty, comment-only and null documents", () => {
    const text = "---\nkind: A\n---\n# only a comment\n---\n\n--- # c\n~\n---\nkind: B\n...\n";
    expect(decodeStream(text, "r.yaml")).toEqual([{ kind: "A" }, { kind: "B" }]);
    expect(decodeStream("", "r.yaml")).toEqual([]);
  });

  it("rejects text after a separator", () => {
    const e = errorOf(() => decodeStream("kind: A\n--- foo\nkind: B\n", "r.yaml"));
    expect(e.code).toBe("MALFORMED_YAML");
    expect(e.message).toBe("invalid document separator: --- foo");
    expect(e.file).toBe("r.yaml");
    expect(e.line).toBe(2);
  });

  it("reports syntax errors with the file and line", () => {
    const e = errorOf(() => decodeStream("kind: A\n---\nkind: B\ndata:\n  x: [1\n", "r.yaml"));
    expect(e.code).toBe("MALFORMED_YAML");
    expect(e.file).toBe("r.yaml");
    expect(e.message).toMatch(/^MalformedYAMLError: yaml: line \d+: /);
  });

  it("rejects duplicate keys and two merge keys in one map", () => {
    expect(errorOf(() => decodeStream("kind: A\nx: 1\nx: 2\n", "r.yaml")).code).toBe(
      "MALFORMED_YAML",
    );
    const twoMerges = "kind: A\na: &a {p: 1}\nm:\n  <<: *a\n  <<: *a\n";
    expect(errorOf(() => decodeStream(twoMerges, "r.yaml")).code).toBe("MALFORMED_YAML");
  });

  it("keeps the first of duplicate keys when asked to, as kyaml does for patch files", () => {
    const text = "kind: A\nspec: {replicas: 5}\nspec: {replicas: 7}\n";
    expect(decodeStream(text, "patch.yaml", { duplicateKeys: "first" })).toEqual([
      { kind: "A", spec: { replicas: 5 } },
    ]);
    expect(errorOf(() => decodeStream(text, "r.yaml")).message).toMatch(/already defined/);
  });

  it("drops the final line break of a block scalar at the end of a file without one", () => {
    expect(decodeStream("kind: A\nx: |\n  l1\n  l2", "r.yaml")).toEqual([
      { kind: "A", x: "l1\nl2" },
    ]);
    expect(decodeStream("kind: A\nx: |\n  l1\n  l2\n", "r.yaml")).toEqual([
      { kind: "A", x: "l1\nl2\n" },
    ]);
  });

  it("reads one document with decodeYaml", () => {
    expect(decodeYaml("resources:\n- a.yaml\nnamespace: on\n", "kustomization.yaml")).toEqual({
      resources: ["a.yaml"],
      namespace: "on",
    });
    expect(decodeYaml("# nothing\n", "kustomization.yaml")).toBeNull();
  });
});

describe("decodeStream against kubectl kustomize", () => {
  const cm = (name: string, data: string): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;

  function expectKubectl(text: string): void {
    const expected = kubectlOutput(text);
    expect(expected).not.toBe("ERROR");
    expect(encodeStream(decodeStream(text, "r.yaml") as Value[])).toBe(expected);
  }

  it("reads folded, multi-line plain and quoted scalars and several documents", () => {
    const text = [
      "---",
      cm("a", "  x: '1'"),
      "---",
      "# only a comment",
      "--- # trailing comment",
      cm(
        "b",
        [
          "  folded: >",
          "    a",
          "    b",
          "",
          "    c",
          "  keep: |+",
          "    kept",
          "",
          "  plain: this is",
          "    multi line",
          "    plain",
          "  sq: 'it''s",
          "    folded'",
          '  dq: "esc\\ttab \\',
          '    continued"',
          "  indented: |2",
          "      two extra",
          "    base",
        ].join("\n"),
      ),
      "...",
      "",
    ].join("\n");
    expectKubectl(text);
  });

  it("reads tags, flow collections with empty values and comments like kubectl", () => {
    const text = [
      "apiVersion: example.com/v1",
      "kind: Tags",
      "metadata:",
      "  name: t",
      "spec:",
      "  ref: !Ref MyBucket",
      "  num: !Custom 12",
      '  quoted: !Custom "12"',
      "  map: !Thing {a: 1}",
      "  seq: !Seq [1, two]",
      "  set: !!set {a, b}",
      "  str: !!str true",
      '  int: !!int "42"',
      '  float: !!float "3"',
      "  ts: !!timestamp 2024-01-01",
      '  tsq: !!timestamp "2024-01-01"',
      '  nulls: !!null ""',
      "  bin: !!binary |",
      "    aGVsbG8g",
      "    d29ybGQ=",
      "  nonspecific: ! 12",
      '  nonspecificq: ! "12"',
      "  comment: value # a comment",
      "  hashy: value#notcomment",
      "  version: 1.20",
      "  flowEmpty: {a, b: , c: 1, d: ~}",
      "  flowSeqPair: [a: , b]",
      "  blockEmpty:",
      "    ? x",
      "    y:",
      "  bigflow: [18446744073709551615, -1, 0x7FFFFFFFFFFFFFFF]",
      "",
    ].join("\n");
    expectKubectl(text);
  });

  it("treats raw NEL, LS and PS as line breaks, as go-yaml does", () => {
    const [nel, ls, ps] = ["\u0085", "\u2028", "\u2029"];
    const quoted = [
      `  d1: "a${nel}b"`,
      `  d2: "a ${ls} b"`,
      `  d3: "a${ps}${ps}b"`,
      `  d4: "a${nel}${nel}b"`,
      `  d5: "${ls}a"`,
      `  s1: 'a${nel}b'`,
      `  s2: 'a ${ls} b'`,
      `  s4: 'x${nel} ${nel}y'`,
    ];
    const head = "apiVersion: example.com/v1\nkind: T\nmetadata:\n  name: t\nspec:\n";
    expectKubectl(`${head}${quoted.join("\n")}\n`);
    const plain = `${head}  p1: a${nel}b\n`;
    expect(kubectlOutput(plain)).toBe("ERROR");
    expect(errorOf(() => decodeStream(plain, "r.yaml")).code).toBe("MALFORMED_YAML");
  });

  it("reads double-quoted escapes as go-yaml does (\\' is a quote, \\/ an error)", () => {
    const head = "apiVersion: example.com/v1\nkind: T\nmetadata:\n  name: t\nspec:\n";
    const ok = [
      `  a: "it\\'s"`,
      `  b: "a\\\\'b\\'\\t"`,
      `  c: "it\\'s\n    multi \\' line"`,
      `  "k\\'": v`,
      `  d: "\\x41\\ \\_\\N\\e\\0\\L"`,
      `  e: "x\\\n    y"`,
    ];
    expectKubectl(`${head}${ok.join("\n")}\n`);
    const bad = `${head}  a: "x\\/y"\n`;
    expect(kubectlOutput(bad)).toBe("ERROR");
    expect(errorOf(() => decodeStream(bad, "r.yaml")).code).toBe("MALFORMED_YAML");
  });

  it("replaces Windows line endings before reading", () => {
    const text = `${cm("a", "  x: |\n    l1\n    l2\n")}---\n${cm("b", '  y: "v"\n')}`;
    expectKubectl(text.replaceAll("\n", "\r\n"));
  });

  it("keeps a block scalar's missing final newline like kubectl", () => {
    expectKubectl(cm("a", "  script: |\n    #!/bin/sh\n    exit 0"));
  });

  it("fails where kubectl fails", () => {
    const bad = [
      cm("a", "  x: [1\n"),
      `${cm("a", "  x: 1\n")}--- foo\n${cm("b", "  y: 2\n")}`,
      cm("a", "  x: 1\n  x: 2\n"),
      cm("a", "  nested:\n    1: a\n"),
    ];
    for (const text of bad) {
      expect(kubectlOutput(text)).toBe("ERROR");
      expect(() => decodeStream(text, "r.yaml").map((v) => encodeStream([v]))).toThrow(
        KustomizeError,
      );
    }
  });
});
