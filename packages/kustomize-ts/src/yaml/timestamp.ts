/**
 * go-yaml's timestamp typing: an unquoted scalar in one of four `time.Parse` layouts becomes a
 * `time.Time`, which Go's JSON encoder then writes in RFC 3339 (nanosecond) form. Only that final
 * text matters for kustomize output, so the decoder turns timestamps into these strings.
 */

const DATE = /^(\d{4})-(\d\d?)-(\d\d?)/;
const TIME = /^(\d\d?):(\d\d?):(\d\d?)(?:[.,](\d+))?/;
const ZONE = /^(?:Z|([+-])(\d\d):(\d\d))$/;

function daysIn(month: number, year: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * Parses `s` with go-yaml's layouts (`2006-1-2T15:4:5.999999999Z07:00`, the same with `t`,
 * `2006-1-2 15:4:5.999999999`, `2006-1-2`) and returns Go's RFC 3339 rendering, or `undefined`.
 */
export function parseTimestamp(s: string): string | undefined {
  const d = DATE.exec(s);
  if (d === null) return undefined;
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return undefined;
  let rest = s.slice(d[0].length);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let frac = "";
  let zone = "Z";
  if (rest !== "") {
    const sep = rest[0];
    if (sep !== "T" && sep !== "t" && sep !== " ") return undefined;
    rest = rest.slice(1);
    const t = TIME.exec(rest);
    if (t === null) return undefined;
    hour = Number(t[1]);
    minute = Number(t[2]);
    second = Number(t[3]);
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    // Go reads at most nine fraction digits and drops the rest.
    frac = (t[4] ?? "").slice(0, 9).replace(/0+$/, "");
    rest = rest.slice(t[0].length);
    if (sep === " ") {
      if (rest !== "") return undefined;
    } else {
      const z = ZONE.exec(rest);
      if (z === null) return undefined;
      if (z[1] !== undefined) {
        const hh = Number(z[2]);
        const mm = Number(z[3]);
        if (hh > 24 || mm > 60) return undefined;
        const offset = hh * 60 + mm;
        if (offset !== 0) {
          zone = `${z[1]}${pad(Math.trunc(offset / 60), 2)}:${pad(offset % 60, 2)}`;
        }
      }
    }
  }
  const fraction = frac === "" ? "" : `.${frac}`;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}${zone}`;
}
