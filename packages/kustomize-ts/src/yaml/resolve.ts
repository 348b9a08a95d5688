/**
 * Implicit typing of plain scalars, as the two go-yaml versions in kustomize's pipeline do it:
 * go-yaml v3 reads the input (YAML 1.2 core plus a few 1.1 leftovers such as `0755` octals),
 * and go-yaml v2 decides on output whether a string must be quoted (YAML 1.1: `yes`, `on`, `y`).
 */
import type { Value } from "../value.ts";
import { intValue, parseDotFloat, parseGoInt, parseYamlStyleFloat } from "./numbers.ts";
import { parseTimestamp } from "./timestamp.ts";

type Resolved = Value;

const COMMON_WORDS: ReadonlyArray<[string[], Resolved]> = [
  [["true", "True", "TRUE"], true],
  [["false", "False", "FALSE"], false],
  [["", "~", "null", "Null", "NULL"], null],
  [[".nan", ".NaN", ".NAN"], Number.NaN],
  [[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"], Number.POSITIVE_INFINITY],
  [["-.inf", "-.Inf", "-.INF"], Number.NEGATIVE_INFINITY],
];

const V3_WORDS = new Map<string, Resolved>();
for (const [words, v] of COMMON_WORDS) for (const w of words) V3_WORDS.set(w, v);

const V2_WORDS = new Set<string>();
for (const [words] of COMMON_WORDS) for (const w of words) V2_WORDS.add(w);
for (const w of ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]) V2_WORDS.add(w);
for (const w of ["n", "N", "no", "No", "NO", "off", "Off", "OFF"]) V2_WORDS.add(w);

/** First-character hint of go-yaml's resolve table. */
function hint(s: string): "S" | "D" | "M" | "." | "N" | undefined {
  if (s === "") return "N";
  const c = s[0]!;
  if (c === "+" || c === "-") return "S";
  if (c >= "0" && c <= "9") return "D";
  if ("yYnNtTfFoO~".includes(c)) return "M";
  if (c === ".") return ".";
  return undefined;
}

/** Short tags go-yaml's resolver knows; a scalar with any other tag stays a string. */
export type ResolvableTag = "!!str" | "!!bool" | "!!int" | "!!float" | "!!null" | "!!timestamp";

export interface ResolvedScalar {
  tag: ResolvableTag;
  value: Resolved;
}

/** The number (or timestamp) a 'D'/'S' scalar resolves to, shared by v2 and v3. */
function resolveNumeric(s: string, timestamps: boolean): ResolvedScalar | undefined {
  if (timestamps) {
    const t = parseTimestamp(s);
    if (t !== undefined) return { tag: "!!timestamp", value: t };
  }
  const plain = s.replaceAll("_", "");
  const i = parseGoInt(plain);
  if (i !== undefined) return { tag: "!!int", value: intValue(i) };
  const f = parseYamlStyleFloat(plain);
  return f === undefined ? undefined : { tag: "!!float", value: f };
}

function tagOfWord(v: Resolved): ResolvableTag {
  if (v === null) return "!!null";
  if (typeof v === "boolean") return "!!bool";
  return "!!float";
}

/**
 * go-yaml v3 `resolve`: the tag and value of the scalar text `s`. Timestamps come back as their
 * RFC 3339 string (what Go's JSON encoder makes of a `time.Time`).
 * `timestamps` is false when an explicit non-timestamp tag was given.
 */
export function resolveV3(s: string, timestamps = true): ResolvedScalar {
  const h = hint(s);
  if (h === undefined) return { tag: "!!str", value: s };
  const word = V3_WORDS.get(s);
  if (word !== undefined) return { tag: tagOfWord(word), value: word };
  if (h === ".") {
    const f = parseDotFloat(s);
    if (f !== undefined) return { tag: "!!float", value: f };
  } else if (h === "D" || h === "S") {
    const r = resolveNumeric(s, timestamps);
    if (r !== undefined) return r;
  }
  return { tag: "!!str", value: s };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * go-yaml v2 `encoder.stringv`: a string may be written plain only if YAML 1.1 resolution would
 * read it back as the same string and it is not a base-60 number.
 */
export function isPlainSafeV2(s: string): boolean {
  const h = hint(s);
  if (h !== undefined) {
    if (V2_WORDS.has(s)) return false;
    if (h === "." && parseDotFloat(s) !== undefined) return false;
    if ((h === "D" || h === "S") && resolveNumeric(s, true) !== undefined) return false;
  }
  const c = s[0];
  if (c !== undefined && (c === "+" || c === "-" || (c >= "0" && c <= "9")) && s.includes(":")) {
    return !BASE60_FLOAT.test(s);
  }
  return true;
}
