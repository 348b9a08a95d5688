/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`) compared by value. The API server rounds up
 * to milli precision and rewrites the spelling (`1000m` → `1`, `1024Mi` → `1Gi`); this module maps
 * every spelling of a value to one canonical string so that equal values compare equal.
 */

const PATTERN =
  /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

const BINARY: ReadonlyArray<[string, bigint]> = [
  ["Ei", 1n << 60n],
  ["Pi", 1n << 50n],
  ["Ti", 1n << 40n],
  ["Gi", 1n << 30n],
  ["Mi", 1n << 20n],
  ["Ki", 1n << 10n],
];
const DECIMAL: ReadonlyArray<[string, bigint]> = [
  ["E", 10n ** 18n],
  ["P", 10n ** 15n],
  ["T", 10n ** 12n],
  ["G", 10n ** 9n],
  ["M", 10n ** 6n],
  ["k", 10n ** 3n],
];
const SCALE: Record<string, [bigint, bigint]> = {
  n: [1n, 10n ** 9n],
  u: [1n, 10n ** 6n],
  m: [1n, 1000n],
  ...Object.fromEntries([...BINARY, ...DECIMAL].map(([s, f]) => [s, [f, 1n]])),
};

/** The value in thousandths, rounded up like the API server; `undefined` if not a quantity. */
export function milliValue(input: string | number): bigint | undefined {
  const text = typeof input === "number" ? numberText(input) : input.trim();
  if (text === undefined) return undefined;
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, sign, digits = "0", exponent, suffix] = match;
  const [whole = "", fraction = ""] = digits.split(".");
  let numerator = BigInt(`${whole || "0"}${fraction}`) * 1000n;
  let denominator = 10n ** BigInt(fraction.length);
  if (exponent) {
    const e = BigInt(exponent.slice(1));
    if (e >= 0n) numerator *= 10n ** e;
    else denominator *= 10n ** -e;
  } else if (suffix) {
    const [mul, div] = SCALE[suffix] ?? [1n, 1n];
    numerator *= mul;
    denominator *= div;
  }
  let milli = numerator / denominator;
  if (numerator % denominator !== 0n) milli += 1n;
  return sign === "-" ? -milli : milli;
}

function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  return String(value);
}

/**
 * One canonical spelling per value: milli form when fractional (`500m`), else the largest binary
 * suffix with an integer mantissa (`1Gi`), else the largest decimal one (`2k`), else plain digits.
 * Returns `undefined` when the input is not a quantity.
 */
export function canonicalQuantity(input: string | number): string | undefined {
  const milli = milliValue(input);
  if (milli === undefined) return undefined;
  if (milli % 1000n !== 0n) return `${milli}m`;
  const n = milli / 1000n;
  if (n === 0n) return "0";
  const abs = n < 0n ? -n : n;
  for (const family of [BINARY, DECIMAL]) {
    for (const [suffix, factor] of family) {
      if (abs >= factor && abs % factor === 0n) return `${n / factor}${suffix}`;
    }
  }
  return `${n}`;
}
