import { obj, objs, strs } from "./_util.ts";

/**
 * A Kubernetes LabelSelector (`matchLabels` + `matchExpressions`). An empty selector (`{}`,
 * `{matchLabels: {}}`) selects everything; an absent one is handled by the caller.
 */
export function matchesSelector(selector: unknown, labels: Record<string, string>): boolean {
  const sel = obj(selector);
  for (const [k, v] of Object.entries(obj(sel.matchLabels))) {
    if (labels[k] !== v) return false;
  }
  for (const e of objs(sel.matchExpressions)) {
    const key = typeof e.key === "string" ? e.key : "";
    const values = strs(e.values);
    const has = Object.hasOwn(labels, key);
    switch (e.operator) {
      case "In":
        if (!has || !values.includes(labels[key] ?? "")) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[key] ?? "")) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True for `{}`, `{matchLabels: {}}`, `{matchExpressions: []}`: selects every pod/namespace. */
export function isEmptySelector(selector: unknown): boolean {
  const sel = obj(selector);
  return Object.keys(obj(sel.matchLabels)).length === 0 && objs(sel.matchExpressions).length === 0;
}

/**
 * Whether a selector's requirements mention only `keys` (so it can be evaluated without knowing
 * any other label of the subject).
 */
export function selectorOnlyUses(selector: unknown, keys: readonly string[]): boolean {
  const sel = obj(selector);
  const used = [
    ...Object.keys(obj(sel.matchLabels)),
    ...objs(sel.matchExpressions).map((e) => String(e.key ?? "")),
  ];
  return used.every((k) => keys.includes(k));
}

/**
 * Calico selector expressions, the subset the baselines use: `all()`, `global()`, `has(k)`,
 * `!has(k)`, `k == "v"`, `k != "v"`, `k in {"a","b"}`, `k not in {...}`, joined by `&&` or `||`
 * (no parentheses). Returns undefined when the expression uses anything else: callers treat that
 * as "cannot prove".
 */
export function matchesCalicoSelector(
  expression: string,
  labels: Record<string, string>,
): boolean | undefined {
  const text = expression.trim();
  if (text === "") return true;
  const alternatives = text.split("||");
  let any = false;
  for (const alt of alternatives) {
    let all = true;
    for (const raw of alt.split("&&")) {
      const term = evalCalicoTerm(raw.trim(), labels);
      if (term === undefined) return undefined;
      if (!term) all = false;
    }
    if (all) any = true;
  }
  return any;
}

const QUOTED = `(?:"([^"]*)"|'([^']*)')`;
const EQ = new RegExp(String.raw`^([\w./-]+)\s*(==|!=)\s*${QUOTED}$`);
const IN = /^([\w./-]+)\s+(in|not in)\s*\{(.*)\}$/;

function evalCalicoTerm(term: string, labels: Record<string, string>): boolean | undefined {
  if (term === "all()" || term === "global()") return true;
  const has = /^(!?)\s*has\(([\w./-]+)\)$/.exec(term);
  if (has) return Object.hasOwn(labels, has[2] ?? "") !== (has[1] === "!");
  const eq = EQ.exec(term);
  if (eq) {
    const value = eq[3] ?? eq[4] ?? "";
    const equal = labels[eq[1] ?? ""] === value;
    return eq[2] === "==" ? equal : !equal;
  }
  const inSet = IN.exec(term);
  if (inSet) {
    const values = [...(inSet[3] ?? "").matchAll(new RegExp(QUOTED, "g"))].map(
      (m) => m[1] ?? m[2] ?? "",
    );
    const member = values.includes(labels[inSet[1] ?? ""] ?? "\0");
    return inSet[2] === "in" ? member : !member;
  }
  return undefined;
}
