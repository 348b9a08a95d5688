import { describe, expect, it } from "vitest";
import { canonicalQuantity, milliValue } from "./quantity.ts";

describe("quantities", () => {
  it.each([
    ["1000m", "1"],
    ["4000m", "4"],
    ["0.5", "500m"],
    ["1.5Gi", "1536Mi"],
    ["1024Mi", "1Gi"],
    ["8192Mi", "8Gi"],
    ["0.5Ti", "512Gi"],
    ["1e3", "1k"],
    ["2k", "2k"],
    [20, "20"],
    ["0.1m", "1m"],
  ])("%s reads as %s", (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it("maps the API server's spellings and the manifest's to the same value", () => {
    expect(canonicalQuantity("2000Mi")).toBe(canonicalQuantity("2048000Ki"));
    expect(milliValue("1e3")).toBe(milliValue("1000"));
    expect(canonicalQuantity("1Gi")).not.toBe(canonicalQuantity("1G"));
  });

  it("rejects what is not a quantity", () => {
    expect(canonicalQuantity("lots")).toBeUndefined();
    expect(canonicalQuantity("1Gb")).toBeUndefined();
  });
});
