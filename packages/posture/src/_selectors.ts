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
  let compiled = COMPILED.get(expression);
  if (compiled === undefined) {
    compiled = compileCalico(expression);
    COMPILED.set(expression, compiled);
  }
  return compiled === null ? undefined : compiled(labels);
}

type Term = (labels: Record<string, string>) => boolean;

/** Parsed selectors by text: parsing is pure, so the cache cannot change a result. */
const COMPILED = new Map<string, Term | null>();

function compileCalico(expression: string): Term | null {
  const text = expression.trim();
  if (text === "") return () => true;
  const alternatives: Term[][] = [];
  for (const alt of text.split("||")) {
    const terms: Term[] = [];
    for (const raw of alt.split("&&")) {
      const term = compileTerm(raw.trim());
      if (term === null) return null;
      terms.push(term);
    }
    alternatives.push(terms);
  }
  return (labels) => alternatives.some((terms) => terms.every((t) => t(labels)));
}

const QUOTED = `(?:"([^"]*)"|'([^']*)')`;
const EQ = new RegExp(String.raw`^([\w./-]+)\s*(==|!=)\s*${QUOTED}$`);
const IN = /^([\w./-]+)\s+(in|not in)\s*\{(.*)\}$/;

function compileTerm(term: string): Term | null {
  if (term === "all()" || term === "global()") return () => true;
  const has = /^(!?)\s*has\(([\w./-]+)\)$/.exec(term);
  if (has) {
    const key = has[2] ?? "";
    const negate = has[1] === "!";
    return (labels) => Object.hasOwn(labels, key) !== negate;
  }
  const eq = EQ.exec(term);
  if (eq) {
    const key = eq[1] ?? "";
    const value = eq[3] ?? eq[4] ?? "";
    const equal = eq[2] === "==";
    return (labels) => (labels[key] === value) === equal;
  }
  const inSet = IN.exec(term);
  if (inSet) {
    const key = inSet[1] ?? "";
    const values = new Set(
      [...(inSet[3] ?? "").matchAll(new RegExp(QUOTED, "g"))].map((m) => m[1] ?? m[2] ?? ""),
    );
    const member = inSet[2] === "in";
    return (labels) => (labels[key] !== undefined && values.has(labels[key])) === member;
  }
  return null;
}
