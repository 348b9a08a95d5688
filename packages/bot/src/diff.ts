type Op = [" " | "-" | "+", string];

/** Myers' O(ND) line diff; undefined when the edit distance exceeds `maxEdits`. */
function editScript(a: string[], b: string[], maxEdits: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
    if (found >= 0) {
      trace.push(v.slice());
      break;
    }
  }
  if (found < 0) return undefined;
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] as Int32Array;
    const k = x - y;
    const down =
      k === -d || (k !== d && (prev[offset + k - 1] as number) < (prev[offset + k + 1] as number));
    const pk = down ? k + 1 : k - 1;
    const px = prev[offset + pk] as number;
    const py = px - pk;
    while (x > px && y > py) {
      ops.push([" ", a[--x] as string]);
      y--;
    }
    if (down) ops.push(["+", b[--y] as string]);
    else ops.push(["-", a[--x] as string]);
  }
  while (x > 0 && y > 0) {
    ops.push([" ", a[--x] as string]);
    y--;
  }
  return ops.reverse();
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * A unified diff (`@@ -a,b +c,d @@` hunks, `context` lines around changes) between two texts,
 * without file headers. Empty when they are equal.
 */
export function unifiedDiff(before: string, after: string, context = 3): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b, 4000);
  if (!ops) return `@@ -1,${a.length} +1,${b.length} @@\n(too many changes to show line by line)\n`;
  const out: string[] = [];
  let i = 0;
  const lineA = [0];
  const lineB = [0];
  // Positions: line numbers in a and b before each op.
  for (const op of ops) {
    lineA.push((lineA[lineA.length - 1] as number) + (op[0] === "+" ? 0 : 1));
    lineB.push((lineB[lineB.length - 1] as number) + (op[0] === "-" ? 0 : 1));
  }
  while (i < ops.length) {
    if ((ops[i] as Op)[0] === " ") {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2 * context lines.
    for (;;) {
      while (end < ops.length && (ops[end] as Op)[0] !== " ") end++;
      let gap = end;
      while (gap < ops.length && (ops[gap] as Op)[0] === " ") gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const slice = ops.slice(start, stop);
    const aCount = slice.filter((o) => o[0] !== "+").length;
    const bCount = slice.filter((o) => o[0] !== "-").length;
    const aStart = (lineA[start] as number) + (aCount ? 1 : 0);
    const bStart = (lineB[start] as number) + (bCount ? 1 : 0);
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const [sign, line] of slice) out.push(`${sign}${line}`);
    i = stop;
    start = stop;
  }
  return `${out.join("\n")}\n`;
}
