import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ObjectChange, type PrMarker, parseMarker, renderBody, withMarker } from "./body.ts";
import { maskSecrets } from "./changes.ts";
import { unifiedDiff } from "./diff.ts";

const marker: PrMarker = {
  v: 1,
  cluster: "prod",
  base: "a".repeat(40),
  baseTree: "b".repeat(40),
  tree: "c".repeat(40),
  head: "d".repeat(40),
  key: "k",
  labels: ["fleet-baseline"],
};

/** Applies a unified diff (as unifiedDiff writes it) to `before`. */
function apply(before: string, diff: string): string {
  const a = before === "" ? [] : before.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  let pos = 0;
  const lines = diff === "" ? [] : diff.replace(/\n$/, "").split("\n");
  for (const line of lines) {
    const hunk = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (hunk) {
      const start = Number(hunk[1]) - (Number(hunk[2]) === 0 ? 0 : 1);
      while (pos < start) out.push(a[pos++] as string);
      continue;
    }
    if (line.startsWith(" ")) {
      expect(a[pos]).toBe(line.slice(1));
      out.push(a[pos++] as string);
    } else if (line.startsWith("-")) {
      expect(a[pos]).toBe(line.slice(1));
      pos++;
    } else if (line.startsWith("+")) out.push(line.slice(1));
  }
  while (pos < a.length) out.push(a[pos++] as string);
  return out.length ? `${out.join("\n")}\n` : "";
}

const countFences = (text: string) => {
  // Every opening fence line of N backticks + "diff" must be closed by a line of exactly N.
  const open: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^(`{3,})(diff)?$/.exec(line);
    if (!m) continue;
    if (m[2]) open.push(m[1] as string);
    else if (open[open.length - 1] === m[1]) open.pop();
    else return -1;
  }
  return open.length;
};

function change(i: number, size: number, text = "x"): ObjectChange {
  const diff = Array.from({ length: size }, (_, j) => `+${text} line ${j} of object ${i}`).join(
    "\n",
  );
  return {
    change: "added",
    path: `ns/obj-${i}.yaml`,
    kind: "ConfigMap",
    namespace: "ns",
    name: `obj-${i}`,
    diff: `@@ -0,0 +1,${size} @@\n${diff}\n`,
  };
}

describe("unifiedDiff", () => {
  it("produces hunks that turn the old text into the new", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";
    const after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
    const diff = unifiedDiff(before, after);
    expect(diff).toContain("@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n");
    expect(apply(before, diff)).toBe(after);
    expect(unifiedDiff(before, before)).toBe("");
  });

  it("round-trips on random line edits", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "kind: X", "  - y", ""), { maxLength: 30 })
      .map((l) => (l.length ? `${l.join("\n")}\n` : ""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(apply(before, unifiedDiff(before, after))).toBe(after);
      }),
      { numRuns: 200 },
    );
  });
});

describe("maskSecrets", () => {
  const secret = (v: string, extra = "") =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: app\ndata:\n  password: ${v}\n  user: dXNlcg==\n${extra}`;

  it("hides every value and says which changed", () => {
    const [before, after] = maskSecrets(
      secret("b2xk"),
      secret("bmV3", "stringData:\n  token: plain-text\n"),
      "s.yaml",
    );
    const both = `${before}${after}`;
    for (const value of ["b2xk", "bmV3", "dXNlcg==", "plain-text"])
      expect(both).not.toContain(value);
    expect(after).toContain("password: <redacted, changed>");
    expect(after).toContain("user: <redacted>");
    expect(before).toContain("password: <redacted>");
  });

  it("leaves other objects as they are and hides unparsable Secret text whole", () => {
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
    expect(maskSecrets(cm, cm, "c.yaml")).toEqual([cm, cm]);
    const [, hidden] = maskSecrets(
      undefined,
      "kind: Secret\ndata: [unclosed\n  password: cGFzcw==",
      "bad.yaml",
    );
    expect(hidden).not.toContain("cGFzcw==");
  });
});

describe("renderBody", () => {
  it("reads its marker back, and ignores markers of other versions", () => {
    const body = withMarker("text\n", marker);
    expect(parseMarker(body)).toEqual(marker);
    expect(parseMarker(body.replace("pr v1", "pr v9"))).toBeUndefined();
    expect(parseMarker("no marker")).toBeUndefined();
    const tricky = { ...marker, labels: ["a-->b", "c--d"] };
    const text = withMarker("x\n", tricky);
    expect(text.indexOf("-->")).toBe(text.lastIndexOf("-->"));
    expect(parseMarker(text)).toEqual(tricky);
  });

  it("cuts long bodies to the limit, keeps fences balanced and says what was cut", () => {
    const changes = Array.from({ length: 300 }, (_, i) => change(i, 40));
    const text = renderBody(
      { cluster: "prod", repository: "a/b", branch: "x", base: "main", path: "", changes },
      300,
    );
    const body = withMarker(text, marker);
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(countFences(body)).toBe(0);
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length);
    expect(body).toMatch(/cut to fit GitHub's limit: \d+ more object diff\(s\)/);
    expect(parseMarker(body)).toEqual(marker);
    expect(body).toContain("| added | ConfigMap | ns | 300 |");
  });

  it("never exceeds the limit and never leaves a fence open, whatever the diffs hold", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 2000 }),
            fc.constantFrom("x", "```", "````` y", "<details>"),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 5_000, max: 60_000 }),
        (specs, limit) => {
          const changes = specs.map(([size, text], i) => change(i, size, text));
          const body = withMarker(
            renderBody(
              {
                cluster: "c",
                repository: "a/b",
                branch: "x",
                base: "main",
                path: "p",
                changes,
                limit,
              },
              300,
            ),
            marker,
          );
          expect(body.length).toBeLessThanOrEqual(limit);
          expect(countFences(body)).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("summarises posture and drift", () => {
    const text = renderBody(
      {
        cluster: "prod",
        repository: "a/b",
        branch: "x",
        base: "main",
        path: "",
        changes: [],
        posture: {
          before: [{ control: "ZT-NET-001", kind: "Namespace", name: "app" }],
          after: [{ control: "ZT-RBAC-002", kind: "Role", namespace: "app", name: "r" }],
        },
        drift: {
          drifted: true,
          changes: [
            {
              type: "changed",
              kind: "NetworkPolicy",
              namespace: "app",
              name: "default-deny",
              path: "/spec/ingress",
              weakens: ["ZT-NET-002"],
            },
          ],
        },
      },
      300,
    );
    expect(text).toContain("1 → 1 failing finding(s): 1 new, 1 resolved.");
    expect(text).toContain("- new: `ZT-RBAC-002 Role app/r`");
    expect(text).toContain("1 drifted field(s) on the live cluster, 1 weakening a control");
    expect(text).toContain(
      "| changed | NetworkPolicy app/default-deny | `/spec/ingress` | ZT-NET-002 |",
    );
  });
});
