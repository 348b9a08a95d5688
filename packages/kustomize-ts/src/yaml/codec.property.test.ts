import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { kubectlOutput } from "../../test-support/kubectl-oracle.ts";
import { newMap, type Value, type ValueMap } from "../value.ts";
import { decodeStream } from "./decode.ts";
import { encodeDocument } from "./encode.ts";

const LOREM_WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod".split(
  " ",
);

/** Pieces that trip naive YAML writers; strings are built by concatenating a few of them. */
const TRAPS = [
  ...["yes", "no", "on", "off", "y", "n", "Y", "N", "true", "True", "FALSE", "null", "~", "<<"],
  ...["0123", "0755", "1.0", "1e3", "0x1F", "0o17", "0b101", "+1", "-1", "1_000", ".inf", ".5"],
  ...["1:20", "12:30:45", "2024-02-29", "2001-12-14t21:59:43.10-05:00", "08", "9007199254740993"],
  ...[" ", "  ", "\n", "\n\n", ": ", ":", " #", "#", "\t", "'", '"', "\\", "-", "- ", "---"],
  ...["?", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "="],
  ...["é", "über", "→", "✓", "日本", "\u00a0", "\u{1F512}", "\u{1F600}", "\u0001", "\u001b"],
  ...LOREM_WORDS,
];

const trapString: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...TRAPS), { minLength: 0, maxLength: 6 }) },
    // Long text with single spaces, sometimes doubled, to cross the 80-column folding point.
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom(...LOREM_WORDS, " ", "yes:", "#x"), {
        minLength: 15,
        maxLength: 40,
      }),
    },
  )
  .map((parts) => (parts.length > 20 ? parts.join(" ") : parts.join("")));

/** Keys without digits, so go-yaml v2's order is a total order and kubectl is deterministic. */
const trapKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("yes", "no", "on", "y", "n", "Y", "true", "null", "~", "", " lead", "trail "),
  fc.constantFrom("a: b", "#x", "-", "---", "a b", "é", "\u{1F600}", "multi\nline", "x\ty"),
  fc.constantFrom("x".repeat(130), "long key ".repeat(16), `ü${"a".repeat(127)}`),
  fc.stringMatching(/^[a-zA-Z_./-]{1,12}$/),
);

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

const leaf: fc.Arbitrary<Value> = fc.oneof(
  { weight: 6, arbitrary: trapString },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.bigInt({ min: INT64_MIN, max: UINT64_MAX }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

function toMap(entries: [string, Value][]): ValueMap {
  const m = newMap();
  for (const [k, v] of entries) m[k] = v;
  return m;
}

const { value: valueArb } = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(trapKey, tie("value")), { maxLength: 5 }).map(toMap),
  ),
}));

/** JSON text (JSON is YAML) with bigint support and NEL/LS/PS escaped. */
function toJson(v: Value): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return String(v);
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "string") {
    return JSON.stringify(v).replace(/[\u0085\u2028\u2029]/g, (c) => {
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    });
  }
  if (Array.isArray(v)) return `[${v.map(toJson).join(", ")}]`;
  return `{${Object.keys(v)
    .map((k) => `${toJson(k)}: ${toJson(v[k]!)}`)
    .join(", ")}}`;
}

/** How the input file is written: as JSON, or as YAML in one of several styles. */
const inputStyle = fc.oneof(
  fc.constant("json" as const),
  fc.record({
    collectionStyle: fc.constantFrom("any" as const, "block" as const, "flow" as const),
    defaultStringType: fc.constantFrom(
      "PLAIN" as const,
      "QUOTE_DOUBLE" as const,
      "QUOTE_SINGLE" as const,
      "BLOCK_LITERAL" as const,
      "BLOCK_FOLDED" as const,
    ),
    nullStr: fc.constantFrom("null", "~", ""),
    lineWidth: fc.constantFrom(0, 40, 80),
  }),
);

function resourceText(spec: Value, style: "json" | Record<string, unknown>): string {
  const head = "apiVersion: example.com/v1\nkind: Probe\nmetadata:\n  name: probe\n";
  if (style === "json") return `${head}spec: ${toJson(spec)}\n`;
  const doc = toMap([["spec", spec]]);
  return head + stringify(doc, { version: "1.2", ...style });
}

function readBackNumber(v: number): number | bigint {
  if (Object.is(v, -0)) return 0;
  if (!Number.isInteger(v) || Number.isSafeInteger(v) || Math.abs(v) >= 1e21) return v;
  const b = BigInt(String(v));
  return b >= INT64_MIN && b <= UINT64_MAX ? b : v;
}

describe("codec properties", () => {
  it("prints random resources byte for byte as kubectl kustomize does", () => {
    fc.assert(
      fc.property(valueArb, inputStyle, (spec, style) => {
        const text = resourceText(spec, style);
        const expected = kubectlOutput(text);
        let actual: string;
        try {
          actual = encodeDocument(decodeStream(text, "r.yaml")[0]!);
        } catch {
          actual = "ERROR";
        }
        expect(actual).toBe(expected);
      }),
      { numRuns: 50 },
    );
  }, 120_000);

  it("reads back what it writes for maps of strings and numbers", () => {
    const flat = fc
      .array(
        fc.tuple(
          trapKey,
          fc.oneof(trapString, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        ),
        { maxLength: 8 },
      )
      .map(toMap);
    fc.assert(
      fc.property(flat, (m) => {
        // Integral doubles come back as integers (Go's JSON writes them without a fraction),
        // bigint once they leave the safe range but still fit int64/uint64.
        const expected = newMap();
        for (const k of Object.keys(m)) {
          const v = m[k]!;
          expected[k] = typeof v === "number" ? readBackNumber(v) : v;
        }
        expect(decodeStream(encodeDocument(m), "x.yaml")[0]).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
