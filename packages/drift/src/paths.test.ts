import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePointer, toPointer } from "./paths.ts";

describe("RFC 6901 pointers", () => {
  it("escapes ~ and / in tokens", () => {
    expect(toPointer(["metadata", "labels", "pod-security.kubernetes.io/enforce"])).toBe(
      "/metadata/labels/pod-security.kubernetes.io~1enforce",
    );
    expect(toPointer(["a~/b"])).toBe("/a~0~1b");
  });

  it("round-trips any tokens", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (tokens) => {
        expect(parsePointer(toPointer(tokens))).toEqual(tokens);
      }),
    );
  });
});
