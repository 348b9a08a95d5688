import type { Resource } from "../resource.ts";
import { getField, isMap, type Value } from "../value.ts";
import { sha256Hex } from "./sha256.ts";

const utf8 = new TextEncoder();

/**
 * The name-suffix hash of a ConfigMap or Secret, as kustomize's `hasher` computes it: sha256 of
 * a Go-`encoding/json` document of kind, name (always empty: kustomize looks the name up with a
 * path the lookup does not understand), data and type, first 10 hex digits with 0,1,3,a,e
 * replaced so the suffix never looks like a number or a word.
 */
export function kustomizeHash(res: Resource): string {
  const obj = res.obj;
  const entries: Array<[string, string]> = [];
  const field = (key: string): string => {
    const v = getField(obj, key);
    if (v === undefined || v === null) return '""';
    if (isMap(v)) return goJson(v);
    if (Array.isArray(v)) return "null";
    return goJsonString(scalarString(v));
  };
  if (res.kind === "ConfigMap") {
    if (isMap(getField(obj, "binaryData"))) entries.push(["binaryData", field("binaryData")]);
    entries.push(["data", field("data")], ["kind", '"ConfigMap"'], ["name", '""']);
  } else if (res.kind === "Secret") {
    entries.push(["data", field("data")], ["kind", '"Secret"'], ["name", '""']);
    if (isMap(getField(obj, "stringData"))) entries.push(["stringData", field("stringData")]);
    entries.push(["type", field("type")]);
  } else {
    return encodeHash(sha256Hex(utf8.encode(goJson(obj))));
  }
  const json = `{${entries.map(([k, v]) => `${goJsonString(k)}:${v}`).join(",")}}`;
  return encodeHash(sha256Hex(utf8.encode(json)));
}

function encodeHash(hex: string): string {
  let out = "";
  for (const c of hex.slice(0, 10)) {
    out +=
      c === "0" ? "g" : c === "1" ? "h" : c === "3" ? "k" : c === "a" ? "m" : c === "e" ? "t" : c;
  }
  return out;
}

function scalarString(v: Value): string {
  if (typeof v === "string") return v;
  return String(v);
}

/** Go `encoding/json` of a decoded value: map keys sorted bytewise, HTML-safe escaping. */
export function goJson(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "bigint") return String(Number(v));
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  const keys = Object.keys(v).sort(compareBytes);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(v[k] as Value)}`).join(",")}}`;
}

function compareBytes(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

const HEX = "0123456789abcdef";

export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26)
      out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    else if (c === 0x2028) out += "\\u2028";
    else if (c === 0x2029) out += "\\u2029";
    else out += ch;
  }
  return `${out}"`;
}
