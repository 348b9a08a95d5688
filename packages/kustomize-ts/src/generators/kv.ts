import { KustomizeError } from "../errors.ts";
import type { Loader } from "../loader.ts";
import { baseName } from "../paths.ts";

/** One generated data entry; `bytes` is set when the content is not valid UTF-8. */
export interface KvPair {
  readonly key: string;
  readonly value: string;
  readonly bytes?: Uint8Array;
}

export interface KvSources {
  literals?: string[] | undefined;
  files?: string[] | undefined;
  envs?: string[] | undefined;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lossyUtf8 = new TextDecoder("utf-8");

/** Kustomize's `kv.Loader.Load`: env files, then literals, then files, in that order. */
export function loadKvPairs(loader: Loader, sources: KvSources): KvPair[] {
  const out: KvPair[] = [];
  for (const path of sources.envs ?? []) out.push(...pairsFromEnvFile(loader.load(path)));
  for (const literal of sources.literals ?? []) out.push(parseLiteral(literal));
  for (const source of sources.files ?? []) {
    const [key, path] = parseFileSource(source);
    const bytes = loader.load(path);
    try {
      out.push({ key, value: strictUtf8.decode(bytes) });
    } catch {
      out.push({ key, value: lossyUtf8.decode(bytes), bytes });
    }
  }
  return out;
}

/** `key=value`, split at the first `=`; one pair of matching outer quotes is removed. */
function parseLiteral(source: string): KvPair {
  const i = source.indexOf("=");
  if (i <= 0) {
    throw new KustomizeError("GENERATOR", `invalid literal source ${source}, expected key=value`);
  }
  return { key: source.slice(0, i), value: removeQuotes(source.slice(i + 1)) };
}

function removeQuotes(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return s;
  if (s[0] === '"' || s[0] === "'") return s.slice(1, -1);
  return s;
}

/** `path` (key = base name) or `key=path`. */
function parseFileSource(source: string): [string, string] {
  const n = source.split("=").length - 1;
  if (n === 0) return [baseName(source), source];
  if (n === 1 && source.startsWith("=")) {
    throw new KustomizeError(
      "GENERATOR",
      `missing key name for file path "${source.slice(1)}" in source "${source}"`,
    );
  }
  if (n === 1 && source.endsWith("=")) {
    throw new KustomizeError(
      "GENERATOR",
      `missing file path for key name "${source.slice(0, -1)}" in source "${source}"`,
    );
  }
  if (n > 1) {
    throw new KustomizeError("GENERATOR", `source "${source}" key name or file path contains '='`);
  }
  const [key = "", path = ""] = source.split("=");
  return [key, path];
}

/**
 * An env file read line by line like Go's `bufio.Scanner`: a CR before each LF dropped, a BOM
 * removed from the first line, leading white space trimmed, blank and `#` lines skipped; the
 * value is everything after the first `=`, verbatim.
 */
function pairsFromEnvFile(bytes: Uint8Array): KvPair[] {
  const lines = splitLines(bytes);
  const out: KvPair[] = [];
  lines.forEach((raw, index) => {
    let line: string;
    try {
      line = strictUtf8.decode(raw);
    } catch {
      throw new KustomizeError("GENERATOR", `line ${index} has invalid utf8 bytes`);
    }
    if (index === 0 && line.startsWith("\uFEFF")) line = line.slice(1);
    line = line.replace(/^[\s\u0085\u00a0]+/u, "");
    if (line === "" || line.startsWith("#")) return;
    const i = line.indexOf("=");
    const key = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? "" : line.slice(i + 1);
    if (key === "") return;
    out.push({ key, value });
  });
  return out;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      out.push(dropCR(bytes.subarray(start, i)));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(dropCR(bytes.subarray(start)));
  return out;
}

function dropCR(line: Uint8Array): Uint8Array {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line;
}
