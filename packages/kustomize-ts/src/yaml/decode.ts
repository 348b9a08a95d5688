/**
 * The YAML reader: resource files as kustomize's kyaml reader sees them. Documents are split
 * textually on `---` lines, each piece is parsed (with the `yaml` package, schema-free) and its
 * scalars are typed the way go-yaml v3 types them when kustomize decodes a resource into a
 * generic map: YAML 1.2 core plus `0755` octals, underscores, timestamps; anchors, aliases and
 * `<<` merge keys expanded.
 */
import {
  type Document,
  isAlias,
  isScalar,
  isSeq,
  isMap as isYamlMap,
  type Node,
  parseAllDocuments,
  parseDocument,
  type Scalar,
} from "yaml";
import { KustomizeError } from "../errors.ts";
import { markNullText, newMap, type Value, type ValueMap } from "../value.ts";
import { type ResolvedScalar, resolveV3 } from "./resolve.ts";

const YAML_PREFIX = "tag:yaml.org,2002:";
const RESOLVABLE = new Set(["!!str", "!!bool", "!!int", "!!float", "!!null", "!!timestamp"]);
const MAX_DEPTH = 10000;
/**
 * go-yaml v3's guard against alias bombs: past 100 aliases and 1000 decoded nodes, the share of
 * aliases may be at most 99% up to 400k nodes, falling to 10% at 4M.
 */
/** A hard stop no real resource comes near, so alias bombs end quickly. */
const MAX_DECODES = 1_000_000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - (0.89 * (decodeCount - 400_000)) / 3_600_000;
}

function shortTag(tag: string): string {
  return tag.startsWith(YAML_PREFIX) ? `!!${tag.slice(YAML_PREFIX.length)}` : tag;
}

/** Go's UTF-8 decoding as `encoding/json` applies it: each invalid byte becomes U+FFFD. */
function goUtf8(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let cp = 0;
    let min = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) [need, cp, min] = [1, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, cp, min] = [2, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, cp, min] = [3, b & 0x07, 0x10000];
    let ok = need > 0 && i + need < bytes.length;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const c = bytes[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      out += String.fromCodePoint(cp);
      i += need + 1;
    } else {
      out += "\ufffd";
      i++;
    }
  }
  return out;
}

/** How a reader treats a key that appears twice in one map. */
export interface DecodeOptions {
  /**
   * `"error"` (default): fail like go-yaml v3 decoding a resource (`mapping key "x" already
   * defined`). `"first"`: keep the first value, as kyaml's node walk does for patch files.
   */
  duplicateKeys?: "error" | "first";
}

/** Go's `base64.StdEncoding.DecodeString`: padded standard alphabet, CR and LF ignored. */
function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\r\n]/g, "");
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

interface Ctx {
  doc: Document;
  source: string;
  duplicateKeys: "error" | "first";
  file: string;
  lineOffset: number;
  lineStarts: number[];
  decodeCount: number;
  aliasCount: number;
  aliases: Map<Node, Node>;
}

function lineOf(ctx: Ctx, node: Node | null | undefined): number | undefined {
  const pos = node?.range?.[0];
  if (pos === undefined) return undefined;
  let lo = 0;
  let hi = ctx.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.lineStarts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return ctx.lineOffset + lo + 1;
}

function fail(ctx: Ctx, node: Node | null | undefined, message: string): never {
  const line = lineOf(ctx, node);
  const where = line === undefined ? "" : `line ${line}: `;
  throw new KustomizeError("MALFORMED_YAML", `MalformedYAMLError: yaml: ${where}${message}`, {
    file: ctx.file,
    line,
  });
}

function deref(ctx: Ctx, node: Node | null | undefined, depth: number): Node | null {
  let n = node ?? null;
  let hops = 0;
  while (n !== null && isAlias(n)) {
    let target = ctx.aliases.get(n);
    if (target === undefined) {
      target = n.resolve(ctx.doc) as Node | undefined;
      if (target === undefined) fail(ctx, n, `unknown anchor '${n.source}' referenced`);
      ctx.aliases.set(n, target);
    }
    ctx.aliasCount++;
    ctx.decodeCount++;
    n = target;
    if (++hops > MAX_DEPTH || depth > MAX_DEPTH) fail(ctx, node, "alias nesting too deep");
  }
  return n;
}

const RAW_BREAK = /[\u0085\u2028\u2029]/;

/**
 * go-yaml (like YAML 1.1) reads NEL, LS and PS as line breaks; the `yaml` package keeps them as
 * text. In a quoted scalar written with them raw, fold them the way go-yaml's scanner does: blanks
 * around the break go, one NEL becomes a space, LS/PS stay. Elsewhere they break the structure.
 */
function rawBreaks(ctx: Ctx, node: Scalar, text: string): string {
  const range = node.range;
  const source = range ? ctx.source.slice(range[0], range[1]) : "";
  if (!RAW_BREAK.test(source)) return text;
  if (node.type !== "QUOTE_DOUBLE" && node.type !== "QUOTE_SINGLE") {
    fail(ctx, node, "could not find expected ':' (NEL, LS and PS are line breaks)");
  }
  const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";
  const isBreak = (c: string | undefined): boolean => c !== undefined && RAW_BREAK.test(c);
  let out = "";
  let i = 0;
  while (i < text.length) {
    while (i < text.length && !isBlank(text[i]) && !isBreak(text[i])) out += text[i++];
    if (i >= text.length) break;
    let whitespaces = "";
    let leadingBreak: string | undefined;
    let trailingBreaks = "";
    while (i < text.length && (isBlank(text[i]) || isBreak(text[i]))) {
      const c = text[i++]!;
      const asRead = c === "\u0085" ? "\n" : c;
      if (isBlank(c)) {
        if (leadingBreak === undefined) whitespaces += c;
      } else if (leadingBreak === undefined) {
        whitespaces = "";
        leadingBreak = asRead;
      } else {
        trailingBreaks += asRead;
      }
    }
    if (leadingBreak === undefined) out += whitespaces;
    else if (leadingBreak === "\n") out += trailingBreaks === "" ? " " : trailingBreaks;
    else out += leadingBreak + trailingBreaks;
  }
  return out;
}

/**
 * go-yaml rejects a tab where a block scalar's indentation is still being read ("found a tab
 * character where an indentation space is expected"); the `yaml` package takes it as content.
 * Checked for auto-detected indentation, the form writers produce.
 */
function checkBlockTabs(ctx: Ctx, node: Scalar): void {
  const range = node.range;
  if (!range) return;
  const source = ctx.source.slice(range[0], range[1]);
  const header = /^[|>]([-+]?)([0-9]?)[-+]?/.exec(source);
  if (header === null || header[2] !== "") return;
  const lines = source.split("\n").slice(1);
  let indent = 0;
  for (const line of lines) {
    let spaces = 0;
    while (line[spaces] === " ") spaces++;
    const next = line[spaces];
    if (next === "\t" && (indent === 0 || spaces < indent)) {
      fail(ctx, node, "found a tab character where an indentation space is expected");
    }
    if (indent === 0 && next !== undefined) indent = Math.max(spaces, 1);
  }
}

/** Escapes go-yaml's scanner knows in double-quoted scalars (no YAML 1.2 `\/`). */
const GO_ESCAPES = new Set([..."0abt\tnvfre \"'\\N_LPxuU\n\r\u0085\u2028\u2029"]);

/**
 * Checks a double-quoted scalar's escapes against go-yaml's scanner: `\/` is an error there, while
 * `\'` (which the `yaml` package rejects) is a quote. Returns the value when it had to be re-read.
 */
function goEscapes(ctx: Ctx, node: Scalar): string | undefined {
  const range = node.range;
  if (!range) return undefined;
  const source = ctx.source.slice(range[0], range[1]);
  let fixed = "";
  let from = 0;
  for (let i = source.indexOf("\\"); i >= 0; i = source.indexOf("\\", i + 2)) {
    const c = source[i + 1] ?? "";
    if (!GO_ESCAPES.has(c)) {
      fail(ctx, node, "found unknown escape character while parsing a quoted scalar");
    }
    if (c === "'") {
      fixed += `${source.slice(from, i)}'`;
      from = i + 2;
    }
  }
  if (from === 0) return undefined;
  const reread = parseDocument(fixed + source.slice(from), { schema: "failsafe" }).contents;
  return isScalar(reread) ? String(reread.value) : undefined;
}

/** A scalar's tag and value the way go-yaml v3 `decoder.scalar` resolves it. */
function scalarOf(ctx: Ctx, node: Scalar): ResolvedScalar | { tag: "!!binary"; value: string } {
  const raw = node.value;
  let text = "";
  if (typeof raw === "symbol") text = raw.description ?? "";
  else if (typeof raw === "string") text = raw;
  else if (raw !== null && raw !== undefined && !(raw instanceof Uint8Array)) text = String(raw);
  const quoted = node.type !== undefined && node.type !== "PLAIN";
  const tag = node.tag === undefined || node.tag === "!" ? "" : shortTag(node.tag);
  if (tag === "!!binary") {
    const bytes = raw instanceof Uint8Array ? raw : decodeBase64(text);
    if (bytes === undefined) fail(ctx, node, "!!binary value contains invalid base64 data");
    return { tag: "!!binary", value: goUtf8(bytes) };
  }
  if (node.type === "QUOTE_DOUBLE") text = goEscapes(ctx, node) ?? text;
  if (RAW_BREAK.test(text)) text = rawBreaks(ctx, node, text);
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") checkBlockTabs(ctx, node);
  if (tag === "") {
    if (quoted) return { tag: "!!str", value: blockAtEof(ctx, node, text) };
    return resolveV3(text);
  }
  if (tag === "!!str" || !RESOLVABLE.has(tag)) return { tag: "!!str", value: text };
  const r = resolveV3(text, tag === "!!timestamp");
  if (r.tag === tag || (r.tag === "!!str" && tag === "!!str")) return r;
  if (tag === "!!float" && r.tag === "!!int") {
    return { tag: "!!float", value: Number(r.value) };
  }
  fail(ctx, node, `cannot decode ${r.tag} \`${text}\` as a ${tag}`);
}

/**
 * go-yaml keeps no final line break for a block scalar that ends the input without one; the
 * `yaml` package adds it.
 */
function blockAtEof(ctx: Ctx, node: Scalar, text: string): string {
  const blockScalar = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
  if (!blockScalar || ctx.source.endsWith("\n") || !text.endsWith("\n")) return text;
  return node.range !== undefined && node.range !== null && node.range[1] >= ctx.source.length
    ? text.slice(0, -1)
    : text;
}

/** A `<<` key: plain (untagged, `!` or `!!merge`) merges; quoted, kustomize drops it. */
function mergeKeyKind(node: Node | null): "merge" | "dropped" | undefined {
  if (node === null || !isScalar(node)) return undefined;
  // With an explicit `!!merge` tag the `yaml` package hands back its merge symbol.
  if (typeof node.value === "symbol") return node.value.description === "<<" ? "merge" : undefined;
  if (node.value !== "<<") return undefined;
  const plain = node.type === "PLAIN" || node.type === undefined;
  if (!plain) return node.tag === undefined ? "dropped" : undefined;
  const tag = node.tag;
  return tag === undefined || tag === "!" || shortTag(tag) === "!!merge" ? "merge" : undefined;
}

/**
 * The map key kustomize ends up with. The top level of a resource is decoded into a Go
 * `map[string]interface{}` (any scalar key becomes its text); nested maps are generic and must
 * have only string keys, or Go's JSON encoder fails on them.
 */
function keyOf(ctx: Ctx, keyNode: Node | null, top: boolean): string {
  const node = keyNode === null ? null : deref(ctx, keyNode, 0);
  if (node === null) {
    if (top) return "";
    fail(ctx, keyNode, "json: unsupported type: map[interface {}]interface {}");
  }
  if (!isScalar(node)) fail(ctx, node, "invalid map key: a key must be a scalar");
  const r = scalarOf(ctx, node);
  if (top) {
    if (r.tag === "!!null") return "";
    if (r.tag === "!!binary" || r.tag === "!!str") return String(r.value);
    return node.value instanceof Uint8Array ? "" : String(node.value ?? "");
  }
  const explicitStr = node.tag !== undefined && shortTag(node.tag) === "!!str";
  if (r.tag === "!!str" || explicitStr) return String(r.value);
  throw new KustomizeError(
    "SERIALIZE",
    `json: unsupported type: map[interface {}]interface {} (key ${JSON.stringify(node.value)} is not a string)`,
    { file: ctx.file, line: lineOf(ctx, node) },
  );
}

/** How a null value was written (go-yaml keeps it as the node's Value): "", "null", "~"... */
function nullSource(node: Node | null): string {
  if (node === null || node === undefined) return "";
  if (isScalar(node) && node.type === "PLAIN" && typeof node.source === "string")
    return node.source;
  return "null";
}

/**
 * `inFlow`: the node sits in a flow collection. Kustomize re-encodes each resource with go-yaml
 * v3 before decoding it, and v3 writes an empty plain scalar there as `''`, so it reads back as
 * an empty string rather than null.
 */
function decodeNode(
  ctx: Ctx,
  input: Node | null,
  depth: number,
  top: boolean,
  inFlow = false,
): Value {
  const node = deref(ctx, input, depth);
  if (depth > MAX_DEPTH) fail(ctx, input, "document nesting too deep");
  ctx.decodeCount++;
  if (
    ctx.decodeCount > MAX_DECODES ||
    (ctx.aliasCount > 100 &&
      ctx.decodeCount > 1000 &&
      ctx.aliasCount / ctx.decodeCount > allowedAliasRatio(ctx.decodeCount))
  ) {
    fail(ctx, input, "document contains excessive aliasing");
  }
  if (node === null) return inFlow ? "" : null;
  if (isScalar(node)) {
    const r = scalarOf(ctx, node);
    const emptyPlain = node.type === "PLAIN" && node.tag === undefined && node.value === "";
    return inFlow && emptyPlain ? "" : r.value;
  }
  if (isSeq(node)) {
    const flow = node.flow === true;
    return node.items.map((item) => decodeNode(ctx, item as Node | null, depth + 1, false, flow));
  }
  if (isYamlMap(node)) {
    const out = newMap();
    let mergeNode: Node | null = null;
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const merge = mergeKeyKind(keyNode);
      if (merge === "dropped") continue;
      if (merge === "merge") {
        if (mergeNode !== null) fail(ctx, keyNode, "duplicate merge key");
        mergeNode = (pair.value as Node | null) ?? null;
        continue;
      }
      const key = keyOf(ctx, keyNode, top);
      if (Object.hasOwn(out, key)) {
        if (ctx.duplicateKeys === "first") continue;
        fail(ctx, keyNode, `mapping key ${JSON.stringify(key)} already defined`);
      }
      out[key] = decodeNode(ctx, pair.value as Node | null, depth + 1, false, node.flow === true);
      if (out[key] === null) markNullText(out, key, nullSource(pair.value as Node | null));
    }
    if (mergeNode !== null) mergeInto(ctx, out, mergeNode, depth);
    return out;
  }
  fail(ctx, node, "unsupported YAML node");
}

/** `<<` merge: keys of the map itself win, then the merged maps in order, first one wins. */
function mergeInto(ctx: Ctx, out: ValueMap, mergeNode: Node, depth: number): void {
  const target = deref(ctx, mergeNode, depth);
  const sources: Node[] = [];
  if (target !== null && isYamlMap(target)) sources.push(target);
  else if (target !== null && isSeq(target)) {
    for (const item of target.items) {
      const m = deref(ctx, item as Node | null, depth);
      if (m === null || !isYamlMap(m)) {
        fail(ctx, mergeNode, "map merge requires map or sequence of maps as the value");
      }
      sources.push(m);
    }
  } else fail(ctx, mergeNode, "map merge requires map or sequence of maps as the value");
  for (const source of sources) {
    const decoded = decodeNode(ctx, source, depth + 1, false) as ValueMap;
    for (const key of Object.keys(decoded)) {
      if (!Object.hasOwn(out, key)) out[key] = decoded[key]!;
    }
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Parses one piece and returns its first document's value (kyaml decodes only that one). */
function decodePiece(
  piece: string,
  file: string,
  lineOffset: number,
  options: DecodeOptions,
): { empty: true } | { empty: false; value: Value } {
  const duplicateKeys = options.duplicateKeys ?? "error";
  const docs = parseAllDocuments(piece, {
    schema: "failsafe",
    version: "1.2",
    uniqueKeys: false,
    merge: false,
    resolveKnownTags: false,
    prettyErrors: true,
  });
  const list = Array.isArray(docs) ? docs : [];
  const lineStarts = lineStartsOf(piece);
  const contextOf = (doc: Document): Ctx => ({
    doc,
    source: piece,
    duplicateKeys,
    file,
    lineOffset,
    lineStarts,
    decodeCount: 0,
    aliasCount: 0,
    aliases: new Map(),
  });
  if (!Array.isArray(docs)) {
    fail(contextOf(undefined as unknown as Document), null, "cannot parse document");
  }
  const doc = list[0];
  if (doc === undefined) return { empty: true };
  const ctx = contextOf(doc);
  // go-yaml reads `\'` in double quotes as a quote; the `yaml` package flags it (see goEscapes).
  const err = doc.errors.find(
    (e) => !(e.code === "BAD_DQ_ESCAPE" && e.message.startsWith("Invalid escape sequence \\'")),
  );
  if (err !== undefined) {
    const line = err.linePos?.[0]?.line;
    const where = line === undefined ? "" : `line ${lineOffset + line}: `;
    const message = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new KustomizeError("MALFORMED_YAML", `MalformedYAMLError: yaml: ${where}${message}`, {
      file,
      line: line === undefined ? undefined : lineOffset + line,
    });
  }
  const contents = doc.contents as Node | null;
  if (contents === null) return { empty: true };
  return { empty: false, value: decodeNode(ctx, contents, 0, true) };
}

const SEPARATOR = /\n---[^\n]*\n/g;

/**
 * The pieces kyaml's ByteReader decodes: a separator is `\n---...\n` (regexp, non-overlapping);
 * anything but blanks or a comment after `---` is an error.
 */
function splitDocuments(text: string, file: string): { piece: string; line: number }[] {
  const pieces: { piece: string; line: number }[] = [];
  if (text.length === 0) return pieces;
  let prev = 0;
  let line = 0;
  for (const m of text.matchAll(SEPARATOR)) {
    const sep = m[0];
    const after = sep.slice(4).trim();
    if (after.length > 0 && after[0] !== "#") {
      const at = text.slice(0, m.index + 1).split("\n").length;
      throw new KustomizeError("MALFORMED_YAML", `invalid document separator: ${sep.trim()}`, {
        file,
        line: at,
      });
    }
    const piece = text.slice(prev, m.index);
    pieces.push({ piece, line });
    line += piece.split("\n").length + 1;
    prev = m.index + sep.length;
  }
  pieces.push({ piece: text.slice(prev), line });
  return pieces;
}

/**
 * All resources of a YAML (or JSON) file, in file order. Empty, comment-only and `null`
 * documents are skipped.
 *
 * @param options.duplicateKeys `"first"` for patch files (see {@link DecodeOptions}).
 * @throws KustomizeError `MALFORMED_YAML` (with file and line) for syntax errors, bad document
 *   separators, duplicate keys or invalid tags; `SERIALIZE` for maps whose keys are not strings.
 */
export function decodeStream(text: string, file: string, options: DecodeOptions = {}): Value[] {
  const normalized = text.replaceAll("\r\n", "\n");
  const out: Value[] = [];
  const pieces = splitDocuments(normalized, file);
  pieces.forEach(({ piece, line }, i) => {
    // kyaml gives back the newline the split consumed, except after the last piece.
    const source = i === pieces.length - 1 ? piece : `${piece}\n`;
    const r = decodePiece(source, file, line, options);
    if (!r.empty && r.value !== null) out.push(r.value);
  });
  return out;
}

/** One YAML document (a kustomization or patch file); `null` when the file holds none. */
export function decodeYaml(text: string, file: string, options: DecodeOptions = {}): Value {
  const r = decodePiece(text.replaceAll("\r\n", "\n"), file, 0, options);
  return r.empty ? null : r.value;
}

/**
 * `sigs.k8s.io/yaml.YAMLToJSON`: the file is read with YAML 1.1 rules (go-yaml v2), so `on`,
 * `yes`, `y` are booleans and `0755` is octal; keys become strings.
 */
export function yamlToJson(text: string, file: string): unknown {
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new KustomizeError(
      "MALFORMED_YAML",
      `${file}: invalid Kustomization: yaml: ${first?.message ?? "malformed YAML"}`,
      { file, line: first?.linePos?.[0].line },
    );
  }
  return toJson(doc.contents as Node | null, 0, doc);
}

function toJson(node: Node | null, depth: number, doc: Document): unknown {
  if (node === null || node === undefined) return null;
  if (depth > 200) return null;
  // Aliases stand for their anchored node, as in go-yaml.
  if (isAlias(node)) return toJson((node.resolve(doc) as Node | undefined) ?? null, depth + 1, doc);
  if (isScalar(node)) {
    const value = String(node.value ?? "");
    if (node.type !== "PLAIN" || (node.tag && node.tag !== "!")) {
      return node.tag === "tag:yaml.org,2002:null" ? null : value;
    }
    return resolvePlainV2(value);
  }
  if (isSeq(node)) return node.items.map((item) => toJson(item as Node, depth + 1, doc));
  if (isYamlMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const key = toJson(pair.key as Node, depth + 1, doc);
      const keyText = typeof key === "string" ? key : key === null ? "null" : String(key);
      out[keyText] = toJson(pair.value as Node | null, depth + 1, doc);
    }
    return out;
  }
  return null;
}

const V2_BOOLS = new Map<string, boolean>();
for (const w of "y Y yes Yes YES true True TRUE on On ON".split(" ")) V2_BOOLS.set(w, true);
for (const w of "n N no No NO false False FALSE off Off OFF".split(" ")) V2_BOOLS.set(w, false);

/** go-yaml v2's resolution of a plain scalar, close enough to type-check kustomization fields. */
function resolvePlainV2(s: string): unknown {
  if (s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL") return null;
  const b = V2_BOOLS.get(s);
  if (b !== undefined) return b;
  const plain = s.replaceAll("_", "");
  if (/^[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$/.test(plain)) {
    const neg = plain.startsWith("-");
    const body = plain.replace(/^[-+]/, "");
    let n: number;
    if (body.startsWith("0b")) n = Number.parseInt(body.slice(2), 2);
    else if (body.startsWith("0x")) n = Number.parseInt(body.slice(2), 16);
    else if (body.startsWith("0o")) n = Number.parseInt(body.slice(2), 8);
    else if (body.length > 1 && body.startsWith("0")) n = Number.parseInt(body, 8);
    else n = Number.parseInt(body, 10);
    return neg ? -n : n;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number(plain);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return Number.NaN;
  return s;
}
