/**
 * Map key order of go-yaml v2 (the emitter behind `sigs.k8s.io/yaml`, which prints every
 * kustomize resource): keys are compared rune by rune; at the first difference letters compare
 * by code point, a non-letter sorts before a letter, and digit runs compare as numbers.
 * The comparison is not transitive for every key set (see {@link sortKeysNatural}).
 */

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(String.fromCodePoint(c));
}

/** Code points of a string (Go's `[]rune(s)`). */
export function toRunes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    // A lone surrogate cannot come out of Go's JSON round trip: it is U+FFFD there.
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

const SAFE_ACC = 900719925474099; // below this, acc * 10 + digit stays exact

/** Go's int64 accumulation `n = n*10 + int64(r-'0')`, wrapping on overflow like Go does. */
function accumulate(runes: number[], start: number, initial: number): [bigint | number, number] {
  let n: number | bigint = initial;
  let i = start;
  for (; i < runes.length; i++) {
    const r = runes[i]!;
    if (!isDigit(r)) break;
    const d = r - 0x30;
    if (typeof n === "number" && n < SAFE_ACC && n > -SAFE_ACC && d >= 0 && d < 10) {
      n = n * 10 + d;
    } else {
      n = BigInt.asIntN(64, BigInt(n) * 10n + BigInt(d));
    }
  }
  return [n, i];
}

/** go-yaml v2 `keyList.Less` for two string keys, on their runes. */
export function runesLess(ar: number[], br: number[]): boolean {
  const n = Math.min(ar.length, br.length);
  for (let i = 0; i < n; i++) {
    const a = ar[i]!;
    const b = br[i]!;
    if (a === b) continue;
    const al = isLetter(a);
    const bl = isLetter(b);
    if (al && bl) return a < b;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (a === 0x30 || b === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== 0x30) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let [av, ai] = accumulate(ar, i, an);
    let [bv, bi] = accumulate(br, i, bn);
    if (typeof av !== typeof bv) {
      av = BigInt(av);
      bv = BigInt(bv);
    }
    if (av !== bv) return av < bv;
    if (ai !== bi) return ai < bi;
    return a < b;
  }
  return ar.length < br.length;
}

/**
 * go-yaml v2's key order: negative if `a` sorts before `b`, positive if after, 0 if neither
 * sorts first (only for equal keys when the order is consistent).
 */
export function compareKeysNatural(a: string, b: string): number {
  if (a === b) return 0;
  const ar = toRunes(a);
  const br = toRunes(b);
  if (runesLess(ar, br)) return -1;
  if (runesLess(br, ar)) return 1;
  return 0;
}

/**
 * Sorts keys in go-yaml v2's order. For key sets on which that order is not transitive (such as
 * `v1beta1`, `v2`, `v10`) Go's result depends on its random map iteration order, so kubectl's
 * own output varies between runs; any consistent order is then as good as another.
 */
export function sortKeysNatural(keys: readonly string[]): string[] {
  const items = keys.map((k) => ({ key: k, runes: toRunes(k) }));
  items.sort((x, y) => (runesLess(x.runes, y.runes) ? -1 : runesLess(y.runes, x.runes) ? 1 : 0));
  return items.map((it) => it.key);
}
