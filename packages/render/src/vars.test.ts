import { FleetError } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import { substitute } from "./vars.ts";

describe("substitute", () => {
  const vars = { "a.s": "text", "a.list": ["x", "y"], "a.map": { k: "v" }, "a.null": null };

  it("writes strings as they are and other values as one-line JSON", () => {
    expect(substitute("s: ${a.s}\nl: ${a.list}\nm: ${a.map}\nn: ${a.null}", vars, "f")).toBe(
      's: text\nl: ["x","y"]\nm: {"k":"v"}\nn: null',
    );
  });

  it("keeps $${ as a literal ${", () => {
    expect(substitute("x: $${a.s} ${a.s}", vars, "f")).toBe("x: ${a.s} text");
  });

  it("names the file, line and the known variables for an unknown one", () => {
    try {
      substitute("a: 1\nb: ${a.nope}\n", vars, "baselines/x/namespace/y.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FleetError);
      const e = error as FleetError;
      expect(e.message).toContain("${a.nope}");
      expect(e.file).toBe("baselines/x/namespace/y.yaml");
      expect(e.line).toBe(2);
      expect(e.hint).toContain("a.list");
    }
  });
});
