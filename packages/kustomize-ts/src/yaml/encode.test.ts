import { describe, expect, it, vi } from "vitest";
import { kubectlOutput } from "../../test-support/kubectl-oracle.ts";
import { KustomizeError } from "../errors.ts";
import { newMap, type Value } from "../value.ts";
import { decodeStream } from "./decode.ts";
import { encodeDocument, encodeStream } from "./encode.ts";

// Each test may run kubectl (about 50 ms, far more on a loaded machine).
vi.setConfig({ testTimeout: 60_000 });

/** A custom resource whose `spec` holds the given lines (each already indented by 2). */
function resource(kind: string, lines: string[]): string {
  return `apiVersion: example.com/v1\nkind: ${kind}\nmetadata:\n  name: probe\nspec:\n${lines.join("\n")}\n`;
}

/**
 * A double-quoted YAML string for `v`. NEL, LS and PS are escaped: go-yaml reads them raw as
 * line breaks, which is a reader quirk the decoder tests cover separately.
 */
function q(v: string): string {
  return JSON.stringify(v).replace(/[\u0085\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** Each case as one `spec` entry, written as a double-quoted YAML string. */
function quotedEntries(cases: Record<string, string>): string[] {
  return Object.entries(cases).map(([k, v]) => `  ${k}: ${q(v)}`);
}

function ours(text: string): string {
  return encodeStream(decodeStream(text, "r.yaml"));
}

function expectKubectl(text: string): void {
  const expected = kubectlOutput(text);
  expect(expected).not.toBe("ERROR");
  expect(ours(text)).toBe(expected);
}

const LOREM =
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris";

describe("encodeDocument against kubectl kustomize", () => {
  it("quotes strings YAML 1.1 would read as something else", () => {
    const words = ["yes", "no", "on", "off", "y", "n", "Y", "N", "Yes", "OFF", "true", "True"];
    const more = ["null", "Null", "~", "", "0123", "1.0", "1.10", "1e3", "0x1F", "0o17"];
    const nums = ["0b101", "+1", "-1", "1_000", ".inf", "-.Inf", ".NaN", ".5", "08", "1e400"];
    const times = ["2024-02-29", "2024-02-30", "2001-12-14t21:59:43.10-05:00", "1:20"];
    const plainish = ["12:30:45", "1:2:3.5", "0x", "0xFFFFFFFFFFFFFFFFFF", "<<", "nO", "=x"];
    // (`<<` as a value is a plain string; as a key it would be a merge key.)
    const all = [...words, ...more, ...nums, ...times, ...plainish];
    const cases: Record<string, string> = {};
    all.forEach((w, i) => {
      cases[`v${i}`] = w;
    });
    // Keys are quoted by the same rule (a key set on which go-yaml v2's order is transitive).
    const keyWords = [...words, "null", "Null", "~", ".inf", "-1", "0x1F", "1e3", "0o17"];
    const moreKeys = ["2024-02-29", "12:30:45", "=x", "nO"];
    const keys = [...keyWords, ...moreKeys].map((w) => `  ${JSON.stringify(w)}: key`);
    expectKubectl(resource("Words", [...quotedEntries(cases), ...keys]));
  });

  it("single-quotes indicators, leading/trailing spaces and `: ` / ` #`", () => {
    const cases = {
      lead: " lead",
      trail: "trail ",
      dash: "-",
      dashflag: "-flag",
      dashspace: "- item",
      dashes: "---",
      dots: "...",
      colon: "a: b",
      colonEnd: "a:",
      kv: "key:value",
      hash: "a #b",
      hash2: "value#x",
      comma: "a, b",
      sq: "'single'",
      dq: '"double"',
      q: "?x",
      q2: "? x",
      star: "*x",
      amp: "&x",
      bang: "!x",
      pct: "%x",
      at: "@x",
      bt: "`x",
      pipe: "|x",
      gt: ">x",
      br: "[x",
      cb: "{x}",
      mid: "a[b]{c},d",
      url: "https://example.com/a?b=c#d",
    };
    expectKubectl(resource("Indicators", quotedEntries(cases)));
  });

  it("double-quotes special characters with escapes", () => {
    const cases = {
      tab: "a\tb",
      ctrl: "a\u0001b",
      esc: "a\u001bb",
      nul: "a\u0000b",
      bell: "\u0007",
      emoji: "\u{1F512} locked",
      uml: "über → ✓",
      nbsp: "a\u00a0b",
      bom: "\ufeffabc",
      bomMid: "a\ufeffb",
      nel: "a\u0085b",
      nel2: "a \u0085\u0085 b",
      ls: "a\u2028b",
      ps: "a \u2029 b",
      cr: "a\rb",
      crlf: "a\r\nb",
      backslash: "a\\b",
      quoteAndTab: '"\t"',
    };
    expectKubectl(resource("Escapes", quotedEntries(cases)));
  });

  it("writes literal blocks with chomping and indentation indicators, else double quotes", () => {
    const cases = {
      strip: "line1\nline2",
      clip: "line1\nline2\n",
      keep: "line1\nline2\n\n",
      leadSpace: " lead\nx",
      leadBreak: "\nlead",
      onlyBreak: "\n",
      twoBreaks: "\n\n",
      trailSpace: "trail \nx",
      endSpace: "x\ny ",
      tab: "tab\tx\ny",
      indented: "a\n b\n  c",
      windows: "a\r\nb\r\n",
      unicode: "über\n→ ✓\n",
      astral: "lock \u{1F512}\nx",
      long: `${LOREM}\n${LOREM}\n`,
      blankLines: "a\n\n\nb\n",
    };
    expectKubectl(resource("Blocks", quotedEntries(cases)));
  });

  it("folds long plain, single- and double-quoted scalars at 80 columns", () => {
    const cases = {
      plain: LOREM,
      single: `yes ${LOREM.replace(",", ":")}`,
      double: LOREM.replace("eiusmod tempor", "eiusmod\ttempor").replace("nostrud ", "nostrud  "),
      doubleSpaces: LOREM.replace("tempor ", "\ttempor   "),
      leadingSpace: ` ${LOREM} `,
      noSpaces: LOREM.replaceAll(" ", ""),
      doubleSpaced: LOREM.replaceAll(" ", "  "),
      unicode: LOREM.replaceAll("o", "ö"),
      astral: LOREM.replaceAll("o", "\u{1F600}"),
    };
    const nested = [
      "  deep:",
      "    deeper:",
      "      list:",
      ...Object.values(cases).map((v) => `      - ${q(v)}`),
      "      map:",
      ...Object.entries(cases).map(([k, v]) => `        ${k}: ${q(v)}`),
    ];
    expectKubectl(resource("Folding", [...quotedEntries(cases), ...nested]));
  });

  it("breaks lines exactly where go-yaml v2 does around column 80", () => {
    const lines: string[] = [];
    for (let k = 68; k < 86; k++) {
      const a = "a".repeat(k);
      for (const v of [`${a} b c`, ` ${a} b c`, `\t${a} b c`, `\t${a}  b  c`]) {
        const n = lines.length;
        lines.push(
          `  k${n}: ${q(v)}`,
          `  n${n}:`,
          `    deeper:`,
          `    - ${q(v)}`,
          `    - x: ${q(v)}`,
        );
      }
    }
    expectKubectl(resource("Sweep", lines));
  });

  it("writes every short string over an alphabet of YAML traps as kubectl does", () => {
    const alphabet = [" ", "\n", "a", "#", ":", "-", "'", "\t", "?", "0"];
    const strings: string[] = [];
    const grow = (prefix: string, depth: number): void => {
      if (prefix !== "") strings.push(prefix);
      if (depth === 0) return;
      for (const c of alphabet) grow(prefix + c, depth - 1);
    };
    grow("", 3);
    const values = strings.map((v) => `  - ${q(v)}`);
    // As keys, without digits: with digits go-yaml v2's key order is not always transitive.
    const keys = strings.filter((v) => v.length <= 2 && !v.includes("0"));
    const keyLines = keys.map((v) => `    ${q(v)}: ${q(v)}`);
    expectKubectl(resource("Enum", ["  list:", ...values, "  keys:", ...keyLines]));
  });

  it("reads and quotes `.`-leading floats with Go's underscore rules (`.0_0`) as kubectl does", () => {
    // strconv.ParseFloat takes `_` only between two digits, in the mantissa or the exponent.
    const alphabet = ["0", "1", "_", "e", "-"];
    const strings: string[] = [];
    const grow = (prefix: string, depth: number): void => {
      strings.push(prefix);
      if (depth === 0) return;
      for (const c of alphabet) grow(prefix + c, depth - 1);
    };
    grow(".", 4);
    const extra = [".1e1_0", ".1E+1_0", ".5e400", ".1_2_3", "+.0_0", "-.1_5", ".0_0.1"];
    const all = [...strings, ...extra];
    const quoted = all.map((v) => `  - ${q(v)}`);
    const plain = all.map((v) => `  - ${v}`);
    expectKubectl(resource("Dots", ["  quoted:", ...quoted, "  plain:", ...plain]));
  });

  it("lays out maps and sequences like go-yaml v2, with `? ` for keys over 128 bytes", () => {
    const key128 = `k${"a".repeat(127)}`;
    const key129 = `k${"a".repeat(128)}`;
    const lines = [
      "  emptyMap: {}",
      "  emptyList: []",
      "  nullValue: null",
      "  tilde: ~",
      "  empty:",
      "  seqOfSeq: [[1, 2], [], [[3]], [{}]]",
      "  seqOfMaps:",
      "  - {name: x, items: [a, b], sub: {k: v}}",
      "  - {}",
      "  - - nested",
      '  - "literal in seq\\nsecond\\n"',
      `  ${key128}: fits`,
      `  ${key129}: explicit`,
      `  "${"long key ".repeat(15)}": {a: 1, b: [x, "yes"]}`,
      `  "${"seq key ".repeat(17)}": [x, y]`,
      `  "${"lit key ".repeat(17)}": "l1\\nl2\\n"`,
      `  "${"ü".repeat(70)}": bytes not characters`,
      '  "multi\\nline key": v',
      '  "": empty key',
    ];
    expectKubectl(resource("Layout", lines));
  });

  it("normalises numbers, booleans and timestamps through the JSON round trip", () => {
    const values = [
      "1.0",
      "1e3",
      "1.10",
      "2.50",
      "123456.5",
      "1234567.5",
      "0.0001",
      "0.00001",
      "0.000001",
      "6.02e23",
      "1.5e20",
      "123456789012345678901234567890",
      "9007199254740993",
      "18446744073709551615",
      "18446744073709551616",
      "-9223372036854775808",
      "-9223372036854775809",
      "0755",
      "0o17",
      "0x1F",
      "0b101",
      "1_000",
      "+1",
      "-0",
      "-0.0",
      "08",
      "1e400",
      ".5",
      "-.5e3",
      "1.",
      "0x",
      "0777777777777777777777777",
      "True",
      "TRUE",
      "yes",
      "on",
      "2024-01-01",
      "2001-12-14t21:59:43.10-05:00",
      "2001-12-14 21:59:43.10",
      "2001-12-14T21:59:43+00:00",
      "2001-12-14T21:59:43.123456789123+05:30",
      "2024-1-2",
      "2024-02-30",
      "!!binary aGVsbG8=",
      "!!str 123",
      "!!float 1",
      "1:20",
      "1e-7",
      "123e-20",
      "1e21",
      "1000000.0",
      "12345678.9",
      "-1234567.5",
      "1_2.5_0",
      "-0x10",
      "+0x10",
      "00",
      "09.5",
      "0.5e-4",
      "9223372036854775808",
      "2001-12-14T21:59:43,5Z",
      "2001-12-14T24:00:00Z",
      "2001-12-14T21:59:43+05:60",
      "4.5e16",
      "1.7976931348623157e308",
      "5e-324",
      "Null",
      "FALSE",
    ];
    const lines = values.map((v, i) => `  n${i}: ${v}`);
    expectKubectl(resource("Numbers", lines));
  });

  it("prints long label and annotation values and multi-line ConfigMap data", () => {
    const text = [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: settings",
      "  labels:",
      '    app.kubernetes.io/version: "1.10"',
      '    enabled: "true"',
      "  annotations:",
      `    description: ${JSON.stringify(LOREM)}`,
      '    policy.example.com/rego: "package x\\n\\ndefault allow = false\\nallow { input.user == \\"admin\\" }\\n"',
      "data:",
      '  windows.ini: "[section]\\r\\nkey=value\\r\\n"',
      '  unicode.txt: "grüße\\n日本語\\n\\u{1F600} emoji\\n"',
      "  script.sh: |",
      "    #!/bin/sh",
      '    echo "hello"   ',
      "    exit 0",
    ].join("\n");
    expectKubectl(text.replace("\\u{1F600}", "\\U0001F600"));
  });

  it("fails like kubectl on values JSON cannot hold", () => {
    for (const bad of ["x: .inf", "x: -.inf", "x: .nan", 'x: "a\\u007fb"', 'x: "\\u0080"']) {
      const text = resource("Bad", [`  ${bad}`]);
      expect(kubectlOutput(text)).toBe("ERROR");
      expect(() => ours(text)).toThrow(KustomizeError);
    }
  });
});

describe("encodeDocument", () => {
  it("ends with a newline and joins streams with ---", () => {
    const a = newMap();
    a.kind = "A";
    const b = newMap();
    b.kind = "B";
    expect(encodeDocument(a)).toBe("kind: A\n");
    expect(encodeStream([a, b])).toBe("kind: A\n---\nkind: B\n");
    expect(encodeStream([])).toBe("");
  });

  it("prints bigint exactly and integral floats in the int64/uint64 range as integers", () => {
    const m = newMap();
    m.big = 18446744073709551615n;
    m.float = 2 ** 63;
    m.tiny = 1e-7;
    expect(encodeDocument(m)).toBe(
      "big: 18446744073709551615\nfloat: 9223372036854776000\ntiny: 1e-07\n",
    );
  });

  it("throws SERIALIZE for NaN and infinities", () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY] as Value[]) {
      const m = newMap();
      m.v = v;
      expect(() => encodeDocument(m)).toThrow(/unsupported value/);
    }
  });
});
