/**
 * Number handling of the kustomize output pipeline: Go's `strconv` integer syntax (base prefixes,
 * int64/uint64 ranges) and the printed form of a number after `encoding/json` and go-yaml v2.
 */
import { KustomizeError } from "../errors.ts";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const GO_INT_BASE0 =
  /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;

/**
 * Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint(s, 0, 64)` as go-yaml does.
 * Returns the value, or `undefined` when neither accepts `s` (syntax or range).
 */
export function parseGoInt(s: string): bigint | undefined {
  const m = GO_INT_BASE0.exec(s);
  if (m === null) return undefined;
  const [, sign, hex, oct, bin, zoct, dec] = m;
  let v: bigint;
  if (hex !== undefined) v = BigInt(`0x${hex}`);
  else if (oct !== undefined) v = BigInt(`0o${oct}`);
  else if (bin !== undefined) v = BigInt(`0b${bin}`);
  else if (zoct !== undefined) v = zoct === "" ? 0n : BigInt(`0o${zoct}`);
  else v = BigInt(dec!);
  if (sign === "-") v = -v;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  // ParseUint takes no sign at all.
  if (sign === "" && v <= UINT64_MAX) return v;
  return undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/**
 * Go float literal syntax after a leading `.`: digits, an optional exponent, and underscores only
 * between two digits (`strconv`'s `underscoreOK`), so `.0_0` and `.5e1_0` are numbers, `._0`,
 * `.0_`, `.1__2` and `.5_e1` are not.
 */
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;

/** go-yaml's decimal float syntax followed by `strconv.ParseFloat` (which fails on overflow). */
export function parseYamlStyleFloat(plain: string): number | undefined {
  if (!YAML_STYLE_FLOAT.test(plain)) return undefined;
  const v = Number(plain);
  return Number.isFinite(v) ? v : undefined;
}

/** `strconv.ParseFloat` on a string that starts with `.` (no base prefix; Go's underscore rules). */
export function parseDotFloat(s: string): number | undefined {
  if (!DOT_FLOAT.test(s)) return undefined;
  const v = Number(s.replaceAll("_", ""));
  return Number.isFinite(v) ? v : undefined;
}

/** A JavaScript number as the go-yaml decoders type it: safe integers stay numbers. */
export function intValue(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v;
}

/** Go `strconv.FormatFloat(x, 'g', -1, 64)` for a finite x. */
export function formatFloatG(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const e = x.toExponential();
  const at = e.indexOf("e");
  const exp = Number(e.slice(at + 1));
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    const digits = String(Math.abs(exp)).padStart(2, "0");
    return `${e.slice(0, at)}e${sign}${digits}`;
  }
  // In this range JavaScript prints the same shortest digits in plain decimal.
  return String(x);
}

/**
 * The text kustomize prints for a number: the value goes through Go's `encoding/json` and is
 * read back by go-yaml v2, so integral values that fit int64/uint64 print as integers and
 * everything else prints in Go's shortest `%g` form. NaN and infinities fail like `json.Marshal`.
 */
export function formatNumber(x: number | bigint): string {
  if (typeof x === "bigint") return x.toString();
  if (!Number.isFinite(x)) {
    const shown = Number.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf";
    throw new KustomizeError("SERIALIZE", `json: unsupported value: ${shown}`);
  }
  if (Number.isInteger(x) && Math.abs(x) < 1e21) {
    // Go's JSON writes the shortest digits padded with zeros, which need not be the exact value.
    const text = String(x);
    const b = BigInt(text);
    if (b >= INT64_MIN && b <= UINT64_MAX) return text;
  }
  return formatFloatG(x);
}
