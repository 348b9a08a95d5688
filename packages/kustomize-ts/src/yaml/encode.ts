/**
 * The YAML writer: prints a value exactly as `kubectl kustomize` (Kustomize v5.5.0) does. Kustomize
 * turns each resource into JSON and hands it to `sigs.k8s.io/yaml` JSONToYAML, i.e. go-yaml v2's
 * marshaller and its libyaml-derived emitter. This module reproduces that emitter's decisions
 * (key order, scalar styles, folding at 80 columns, block scalar hints, `? ` keys) on our values.
 */
import { KustomizeError } from "../errors.ts";
import { isMap, type Value } from "../value.ts";
import { sortKeysNatural, toRunes } from "./natural-order.ts";
import { formatNumber } from "./numbers.ts";
import { isPlainSafeV2 } from "./resolve.ts";

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

type Style = "plain" | "single" | "double" | "literal";

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** The emitter context flags that change output in block style. */
interface Context {
  /** The node is a mapping key or value (a sequence there is not indented). */
  mapping: boolean;
  /** The node is a simple (`key:`) mapping key: no folding, no block scalars. */
  simpleKey: boolean;
}

const SP = 0x20;
const TAB = 0x09;
const LF = 0x0a;

function isBreak(c: number | undefined): boolean {
  return c === LF || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isBlank(c: number | undefined): boolean {
  return c === SP || c === TAB;
}

function isBlankz(c: number | undefined): boolean {
  return c === SP || c === TAB || isBreak(c) || c === 0;
}

/** libyaml's printable set, judged on the code point. */
function isPrintable(c: number): boolean {
  return (
    c === LF ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** `yaml_emitter_analyze_scalar`, reduced to the flags a block-context emitter consults. */
function analyzeScalar(v: number[]): Analysis {
  if (v.length === 0) {
    return {
      multiline: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (
    v.length >= 3 &&
    ((v[0] === 0x2d && v[1] === 0x2d && v[2] === 0x2d) ||
      (v[0] === 0x2e && v[1] === 0x2e && v[2] === 0x2e))
  ) {
    blockIndicators = true;
  }
  let precededByWhitespace = true;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const c = v[i]!;
    const followedByWhitespace = i + 1 >= n || isBlank(v[i + 1]);
    if (i === 0) {
      switch (c) {
        case 0x23: // #
        case 0x2c: // ,
        case 0x5b: // [
        case 0x5d: // ]
        case 0x7b: // {
        case 0x7d: // }
        case 0x26: // &
        case 0x2a: // *
        case 0x21: // !
        case 0x7c: // |
        case 0x3e: // >
        case 0x27: // '
        case 0x22: // "
        case 0x25: // %
        case 0x40: // @
        case 0x60: // `
          blockIndicators = true;
          break;
        case 0x3f: // ?
        case 0x3a: // :
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 0x2d: // -
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if (c === 0x3a) {
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === 0x23) {
      if (precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === SP) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function hex(v: number, width: number): string {
  return v.toString(16).toUpperCase().padStart(width, "0");
}

const ESCAPES: Record<number, string> = {
  0: "0",
  7: "a",
  8: "b",
  9: "t",
  10: "n",
  11: "v",
  12: "f",
  13: "r",
  27: "e",
  34: '"',
  92: "\\",
  133: "N",
  160: "_",
  8232: "L",
  8233: "P",
};

/** The state of go-yaml v2's emitter while it writes one document in block style. */
class Emitter {
  private out = "";
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  result(): string {
    return this.out;
  }

  private put(s: string): void {
    this.out += s;
    this.column += s.length;
  }

  private putChar(c: number): void {
    this.out += String.fromCodePoint(c);
    this.column++;
  }

  private putBreak(): void {
    this.out += "\n";
    this.column = 0;
  }

  private writeBreak(c: number): void {
    if (c === LF) this.putBreak();
    else {
      this.putChar(c);
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    if (this.column < indent) this.put(" ".repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  node(value: Value, ctx: Context): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.emptyFlow("[", "]");
      else this.blockSequence(value, ctx);
      return;
    }
    if (isMap(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) this.emptyFlow("{", "}");
      else this.blockMapping(value, keys);
      return;
    }
    this.scalarValue(value, ctx);
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private blockSequence(items: Value[], ctx: Context): void {
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private blockMapping(map: { [key: string]: Value }, keys: string[]): void {
    this.increaseIndent(false, false);
    const byText = new Map<string, string>();
    for (const key of keys) byText.set(jsonRoundTrip(key), key);
    for (const keyText of sortKeysNatural([...byText.keys()])) {
      const value = map[byText.get(keyText)!]!;
      this.writeIndent();
      const [text, style] = stringEvent(keyText);
      const runes = toRunes(text);
      const analysis = analyzeScalar(runes);
      if (!analysis.multiline && utf8Length(text) <= 128) {
        this.scalar(runes, style, analysis, { mapping: true, simpleKey: true });
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.scalar(runes, style, analysis, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.node(value, { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private scalarValue(value: Value, ctx: Context): void {
    let text: string;
    let style: Style = "plain";
    if (typeof value === "string") [text, style] = stringEvent(value);
    else if (value === null) text = "null";
    else if (typeof value === "boolean") text = value ? "true" : "false";
    else if (typeof value === "number" || typeof value === "bigint") text = formatNumber(value);
    else throw new KustomizeError("SERIALIZE", `cannot serialize value of type ${typeof value}`);
    const runes = toRunes(text);
    this.scalar(runes, style, analyzeScalar(runes), ctx);
  }

  /** `yaml_emitter_emit_scalar`: choose the final style, then write. */
  private scalar(v: number[], requested: Style, a: Analysis, ctx: Context): void {
    let style = requested;
    if (ctx.simpleKey && a.multiline) style = "double";
    if (style === "plain") {
      if (!a.blockPlainAllowed) style = "single";
      if (v.length === 0 && ctx.simpleKey) style = "single";
    }
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || ctx.simpleKey)) style = "double";
    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    if (style === "plain") this.writePlain(v, allowBreaks);
    else if (style === "single") this.writeSingleQuoted(v, allowBreaks);
    else if (style === "double") this.writeDoubleQuoted(v, allowBreaks);
    else this.writeLiteral(v);
    this.popIndent();
  }

  private writePlain(v: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    this.writeFoldable(v, allowBreaks, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(v: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    this.writeFoldable(v, allowBreaks, true);
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /**
   * The text of a plain or single-quoted scalar: a space past column 80 may become a line break
   * (in quotes not the first or last character), a first LF is written twice, `'` is doubled
   * in quotes.
   */
  private writeFoldable(v: number[], allowBreaks: boolean, quoted: boolean): void {
    let spaces = false;
    let breaks = false;
    const n = v.length;
    for (let i = 0; i < n; i++) {
      const c = v[i]!;
      if (c === SP) {
        const inside = !quoted || (i > 0 && i < n - 1);
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inside && v[i + 1] !== SP) {
          this.writeIndent();
        } else {
          this.putChar(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === LF) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (quoted && c === 0x27) this.put("'");
        this.putChar(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
  }

  private writeDoubleQuoted(v: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    // libyaml's is_bom() looks at the start of the value, not at the current character.
    const bom = v[0] === 0xfeff;
    let spaces = false;
    const n = v.length;
    for (let i = 0; i < n; i++) {
      const c = v[i]!;
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put("\\");
        const esc = ESCAPES[c];
        if (esc !== undefined) this.put(esc);
        else if (c <= 0xff) this.put(`x${hex(c, 2)}`);
        else if (c <= 0xffff) this.put(`u${hex(c, 4)}`);
        else this.put(`U${hex(c, 8)}`);
        spaces = false;
      } else if (c === SP) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1) {
          this.writeIndent();
          if (v[i + 1] === SP) this.put("\\");
        } else {
          this.putChar(c);
        }
        spaces = true;
      } else {
        this.putChar(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(v: number[]): void {
    this.writeIndicator("|", true, false, false);
    const n = v.length;
    if (v[0] === SP || isBreak(v[0])) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    let chomp = "";
    if (n === 0 || !isBreak(v[n - 1])) chomp = "-";
    else if (n === 1 || isBreak(v[n - 2])) chomp = "+";
    if (chomp !== "") this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.putChar(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** Characters Go's JSON encoder leaves raw that go-yaml v2's reader then rejects. */
const REJECTED_BY_READER = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/**
 * The string go-yaml v2 reads back from Go's JSON text. NEL (U+0085) is the only line break Go
 * leaves unescaped, and v2's scanner folds it like any break inside a double-quoted scalar.
 */
function jsonRoundTrip(s: string): string {
  if (REJECTED_BY_READER.test(s)) {
    throw new KustomizeError("SERIALIZE", "yaml: control characters are not allowed");
  }
  if (!s.includes("\u0085")) return s;
  let out = "";
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && s[i] !== " " && s[i] !== "\u0085") out += s[i++];
    if (i >= n) break;
    let whitespaces = "";
    let leadingBlanks = false;
    let trailingBreaks = 0;
    while (i < n && (s[i] === " " || s[i] === "\u0085")) {
      if (s[i] === " ") {
        if (!leadingBlanks) whitespaces += " ";
      } else if (!leadingBlanks) {
        whitespaces = "";
        leadingBlanks = true;
      } else {
        trailingBreaks++;
      }
      i++;
    }
    if (leadingBlanks) out += trailingBreaks === 0 ? " " : "\n".repeat(trailingBreaks);
    else out += whitespaces;
  }
  return out;
}

/** go-yaml v2 `encoder.stringv`: the requested style for a string (the emitter may override it). */
function stringEvent(raw: string): [string, Style] {
  const s = jsonRoundTrip(raw);
  if (s.includes("\n")) return [s, "literal"];
  return [s, isPlainSafeV2(s) ? "plain" : "double"];
}

/**
 * One resource exactly as kustomize prints it, ending with a newline.
 *
 * @example
 * encodeDocument({ kind: "ConfigMap", data: { on: "yes" } });
 * // 'data:\n  "on": "yes"\nkind: ConfigMap\n'
 */
export function encodeDocument(value: Value): string {
  const e = new Emitter();
  e.node(value, { mapping: false, simpleKey: false });
  e.writeIndent();
  return e.result();
}

/** Documents joined with `---\n`, as `kubectl kustomize` prints a build; "" for none. */
export function encodeStream(values: readonly Value[]): string {
  return values.map(encodeDocument).join("---\n");
}
