import { parseManifests, stringifyManifest } from "@fleet-baseline/model";
import type { ObjectChange } from "./body.ts";
import { unifiedDiff } from "./diff.ts";

interface Identity {
  kind: string;
  namespace: string;
  name: string;
}

interface Parsed {
  objects: Record<string, unknown>[];
  ok: boolean;
}

function parse(text: string, path: string): Parsed {
  try {
    return {
      objects: parseManifests(text, path).map(
        (m) => m.object as unknown as Record<string, unknown>,
      ),
      ok: true,
    };
  } catch {
    return { objects: [], ok: false };
  }
}

function identityOf(text: string | undefined, path: string): Identity {
  const first = text === undefined ? undefined : parse(text, path).objects[0];
  if (!first) return { kind: "(file)", namespace: "", name: path };
  const meta = (first.metadata ?? {}) as { name?: string; namespace?: string };
  return { kind: String(first.kind), namespace: meta.namespace ?? "", name: meta.name ?? path };
}

const SECRET_FIELDS = ["data", "stringData"] as const;

function isSecret(o: Record<string, unknown>): boolean {
  return o.kind === "Secret" && (o.apiVersion === "v1" || o.apiVersion === undefined);
}

function secretKey(o: Record<string, unknown>): string {
  const meta = (o.metadata ?? {}) as { name?: string; namespace?: string };
  return `${meta.namespace ?? ""}/${meta.name ?? ""}`;
}

/**
 * Both sides of a diff with every Secret value replaced: `<redacted>` where the value is the same
 * on both sides, `<redacted, changed>` (after) where it differs. Text that cannot be parsed but
 * mentions a Secret is hidden whole. Files without Secrets are returned as they are.
 */
export function maskSecrets(
  before: string | undefined,
  after: string | undefined,
  path: string,
): [string | undefined, string | undefined] {
  const mentions = (t: string | undefined) => t !== undefined && /kind:\s*["']?Secret\b/.test(t);
  if (!mentions(before) && !mentions(after)) return [before, after];
  const a = before === undefined ? undefined : parse(before, path);
  const b = after === undefined ? undefined : parse(after, path);
  if ((a && !a.ok) || (b && !b.ok)) {
    const hidden = "# (content hidden: it may hold Secret values and could not be parsed)\n";
    return [before === undefined ? undefined : hidden, after === undefined ? undefined : hidden];
  }
  const values = (objs: Record<string, unknown>[] | undefined) => {
    const out = new Map<string, unknown>();
    for (const o of objs ?? []) {
      if (!isSecret(o)) continue;
      for (const field of SECRET_FIELDS) {
        const data = o[field];
        if (data && typeof data === "object") {
          for (const [k, v] of Object.entries(data)) out.set(`${secretKey(o)}\0${field}\0${k}`, v);
        }
      }
    }
    return out;
  };
  const beforeValues = values(a?.objects);
  const afterValues = values(b?.objects);
  const mask = (
    objs: Record<string, unknown>[],
    other: Map<string, unknown>,
    side: "before" | "after",
  ) =>
    objs
      .map((o) => {
        if (!isSecret(o)) return stringifyManifest(o);
        const copy: Record<string, unknown> = { ...o };
        for (const field of SECRET_FIELDS) {
          const data = o[field];
          if (!data || typeof data !== "object") continue;
          const masked: Record<string, string> = {};
          for (const [k, v] of Object.entries(data)) {
            const id = `${secretKey(o)}\0${field}\0${k}`;
            const same = other.has(id) && other.get(id) === v;
            masked[k] =
              side === "after" && a !== undefined && !same ? "<redacted, changed>" : "<redacted>";
          }
          copy[field] = masked;
        }
        return stringifyManifest(copy);
      })
      .join("---\n");
  return [
    a ? mask(a.objects, afterValues, "before") : undefined,
    b ? mask(b.objects, beforeValues, "after") : undefined,
  ];
}

/**
 * The object changes between the files at the cluster's path on the base branch and the desired
 * files. `readOld` fetches a base file's content; at most `maxReads` are read, the rest are
 * listed without a diff.
 */
export async function objectChanges(
  changed: { added: string[]; changed: string[]; removed: string[] },
  desired: ReadonlyMap<string, string>,
  readOld: (path: string) => Promise<string>,
  maxReads: number,
  /** Receives the content of every base file read, by path. */
  oldContents: Map<string, string> = new Map(),
): Promise<ObjectChange[]> {
  const out: ObjectChange[] = [];
  let reads = 0;
  const old = async (path: string) => {
    if (reads >= maxReads) return undefined;
    reads++;
    const text = await readOld(path);
    oldContents.set(path, text);
    return text;
  };
  for (const path of changed.added) {
    const text = desired.get(path) as string;
    const [, masked] = maskSecrets(undefined, text, path);
    out.push({
      change: "added",
      path,
      ...identityOf(text, path),
      diff: unifiedDiff("", masked ?? ""),
    });
  }
  for (const path of changed.changed) {
    const text = desired.get(path) as string;
    const before = await old(path);
    const [mb, ma] = maskSecrets(before, text, path);
    out.push({
      change: "changed",
      path,
      ...identityOf(text, path),
      diff: before === undefined ? undefined : unifiedDiff(mb ?? "", ma ?? ""),
    });
  }
  for (const path of changed.removed) {
    const before = await old(path);
    const [mb] = maskSecrets(before, undefined, path);
    out.push({
      change: "removed",
      path,
      ...identityOf(before, path),
      diff: before === undefined ? undefined : unifiedDiff(mb ?? "", ""),
    });
  }
  return out;
}
