import { describe, expect, it, vi } from "vitest";
import { kubectlOutput } from "../../test-support/kubectl-oracle.ts";
import { decodeStream } from "./decode.ts";
import { encodeDocument } from "./encode.ts";
import { compareKeysNatural, sortKeysNatural } from "./natural-order.ts";

// Each test may run kubectl (about 50 ms, far more on a loaded machine).
vi.setConfig({ testTimeout: 60_000 });

describe("compareKeysNatural", () => {
  it.each([
    ["A", "a"],
    ["z", "Ä"],
    ["_x", "a"],
    ["app~tilde", "app0"],
    ["app0", "appName"],
    ["app_name", "appName"],
    ["file9", "file10"],
    ["v1.2.9", "v1.2.10"],
    ["app9", "app09"],
    ["app09", "app009"],
    ["app", "app-name"],
  ])("%s sorts before %s", (a, b) => {
    expect(compareKeysNatural(a, b)).toBeLessThan(0);
    expect(compareKeysNatural(b, a)).toBeGreaterThan(0);
  });

  it("treats equal keys as equal", () => {
    expect(compareKeysNatural("same", "same")).toBe(0);
  });

  it("compares digit runs past the int64 range with Go's wrap-around", () => {
    // 2^63 wraps to a negative int64 in go-yaml v2, so it sorts before a small number.
    expect(compareKeysNatural("a9223372036854775808", "a5")).toBeLessThan(0);
  });
});

// A key set on which the order is transitive: kubectl prints it the same way on every run.
const TRICKY_KEYS = [
  "app",
  "app-name",
  "app_name",
  "appName",
  "app~tilde",
  "app0",
  "app9",
  "app09",
  "app009",
  "app10",
  "file9",
  "file10",
  "v1.2.9",
  "v1.2.10",
  "A",
  "a",
  "Z",
  "z",
  "Ä",
  "é",
  "_x",
  "~x",
  "-x",
  ".x",
  "1",
  "01",
  "001",
  "1a",
  "a1b2",
  "a1b02",
  "x0",
  "x00",
  "x01",
  "x10",
  "x1.05",
  "x1.5",
  "x1.50",
  "x1.005",
  "١٢",
  "a١",
  "a2",
  "99999999999999999999",
  "99999999999999999998",
  "a9223372036854775808",
  "a5",
  "ß",
  "ǅ",
  "0",
  "00",
  "a00b",
  "a0",
  "a010",
  "1.0",
  "1.00",
  "1.01",
  "2.0.1",
  "2.00.1",
  "k8s",
  "k08s",
  "😀",
  "a-b",
  "a.b",
  "a/b",
  "a_b",
  "a~b",
  "a b",
];

describe("sortKeysNatural", () => {
  it("orders tricky keys as kubectl kustomize does", () => {
    const spec = TRICKY_KEYS.map((k) => `  ${JSON.stringify(k)}: v`).join("\n");
    const text = `apiVersion: example.com/v1\nkind: Probe\nmetadata:\n  name: keys\nspec:\n${spec}\n`;
    const expected = kubectlOutput(text);
    expect(expected).not.toBe("ERROR");
    expect(encodeDocument(decodeStream(text, "r.yaml")[0]!)).toBe(expected);
  });

  it("is not transitive on every key set, like go-yaml v2 (kubectl's order then varies)", () => {
    // v1beta1 < v2 < v10 < v1beta1: Go's result depends on map iteration order.
    expect(compareKeysNatural("v1beta1", "v2")).toBeLessThan(0);
    expect(compareKeysNatural("v2", "v10")).toBeLessThan(0);
    expect(compareKeysNatural("v10", "v1beta1")).toBeLessThan(0);
    expect(sortKeysNatural(["v10", "v2", "v1beta1"])).toHaveLength(3);
  });
});
