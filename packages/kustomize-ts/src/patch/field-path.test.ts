import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ValueMap } from "../value.ts";
import { lookupField, splitFieldPath, writeReplacement } from "./field-path.ts";
import { expandVars } from "./vars.ts";

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("splitFieldPath", () => {
  it("splits on dots, keeps brackets and escaped dots together", () => {
    expect(splitFieldPath("metadata.labels.[app.kubernetes.io/name]")).toEqual([
      "metadata",
      "labels",
      "app.kubernetes.io/name",
    ]);
    expect(splitFieldPath("spec.containers.[name=a.b].image")).toEqual([
      "spec",
      "containers",
      "[name=a.b]",
      "image",
    ]);
    expect(splitFieldPath("a\\.b.c")).toEqual(["a.b", "c"]);
  });
});

describe("replacement field paths", () => {
  const target = () =>
    parse(`
spec:
  replicas: 1
  port: "80"
  containers: [{name: app, image: x}, {name: app-side, image: y}]
  args: [--a=1, --b=2]
`) as ValueMap;

  it("looks sources up with exact element matches", () => {
    expect(lookupField(target(), splitFieldPath("spec.containers.[name=app].image"))).toBe("x");
    expect(lookupField(target(), splitFieldPath("spec.containers.1.name"))).toBe("app-side");
    expect(lookupField(target(), splitFieldPath("spec.nothing.here"))).toBeUndefined();
  });

  it("keeps the target's scalar type and matches elements by unanchored regex", () => {
    const t = target();
    writeReplacement(t, "spec.replicas", "3", undefined);
    writeReplacement(t, "spec.port", 8080, undefined);
    writeReplacement(t, "spec.containers.[name=app].image", "z", undefined);
    expect(plain(t).spec.replicas).toBe(3);
    expect(plain(t).spec.port).toBe("8080");
    expect(plain(t).spec.containers.map((c: { image: string }) => c.image)).toEqual(["z", "z"]);
  });

  it("supports delimiter/index and create", () => {
    const t = target();
    writeReplacement(t, "spec.args.0", "9", { delimiter: "=", index: 1 });
    writeReplacement(t, "spec.new.field", "v", { create: true });
    writeReplacement(t, "spec.containers.[name=db].image", "pg", { create: true });
    expect(plain(t).spec.args[0]).toBe("--a=9");
    expect(plain(t).spec.new).toEqual({ field: "v" });
    expect(plain(t).spec.containers[2]).toEqual({ name: "db", image: "pg" });
    expect(() => writeReplacement(t, "spec.missing", "v", undefined)).toThrow(
      'unable to find field "spec.missing" in replacement target',
    );
  });
});

describe("expandVars", () => {
  it("expands known vars, keeps unknown ones and unescapes $$", () => {
    const vars: Record<string, string | number> = { A: "x", N: 3 };
    const lookup = (n: string) => vars[n];
    expect(expandVars("$(A)-$(B)-$$(A)", lookup)).toBe("x-$(B)-$(A)");
    expect(expandVars("$(N)", lookup)).toBe(3);
  });
});
