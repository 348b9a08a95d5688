import { KustomizeError } from "../errors.ts";

/** A `target` / replacement selector as written in a kustomization. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** What a selector looks at. Namespaces are effective ones (see {@link effectiveNamespace}). */
export interface SelectableResource {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
  originalName: string;
  originalNamespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** kyaml's EffectiveNamespace: cluster-scoped ids have none, namespaced ones default to "default". */
export function effectiveNamespace(namespace: string, clusterScoped: boolean): string {
  if (clusterScoped) return "_non_namespaceable_";
  return namespace === "" ? "default" : namespace;
}

/** A Go (RE2) regular expression as a JavaScript one; a leading `(?i)`-style flag group is kept. */
export function goRegExp(pattern: string, anchored: boolean): RegExp {
  let flags = "";
  let body = pattern;
  const m = /^\(\?([imsU]+)\)/.exec(body);
  if (m) {
    if (m[1]?.includes("i")) flags += "i";
    if (m[1]?.includes("s")) flags += "s";
    if (m[1]?.includes("m")) flags += "m";
    body = body.slice(m[0].length);
  }
  body = body.replaceAll("\\z", "$").replaceAll("\\A", "^");
  try {
    return new RegExp(anchored ? `^(?:${body})$` : body, `${flags}u`);
  } catch {
    try {
      return new RegExp(anchored ? `^(?:${body})$` : body, flags);
    } catch (e) {
      throw new KustomizeError("PATCH", `error parsing regexp: ${pattern}`, { cause: e });
    }
  }
}

/** A compiled `target` selector (types.SelectorRegex plus label and annotation selectors). */
export interface CompiledSelector {
  matches(resource: SelectableResource): boolean;
}

/**
 * Compiles a patch `target`: group, version, kind, name and namespace are anchored Go regexes;
 * name and namespace match the original or the current value.
 */
export function compileSelector(selector: Selector): CompiledSelector {
  const re = (s: string | undefined) => (s ? goRegExp(s, true) : undefined);
  const group = re(selector.group);
  const version = re(selector.version);
  const kind = re(selector.kind);
  const name = re(selector.name);
  const namespace = re(selector.namespace);
  const labels = parseLabelSelector(selector.labelSelector ?? "");
  const annotations = parseLabelSelector(selector.annotationSelector ?? "");
  return {
    matches(r) {
      if (namespace && !namespace.test(r.originalNamespace) && !namespace.test(r.namespace))
        return false;
      if (name && !name.test(r.originalName) && !name.test(r.name)) return false;
      if (group && !group.test(r.group)) return false;
      if (version && !version.test(r.version)) return false;
      if (kind && !kind.test(r.kind)) return false;
      return labels(r.labels) && annotations(r.annotations);
    },
  };
}

type Requirement = (set: Record<string, string>) => boolean;

/**
 * Parses Kubernetes label selector syntax (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
 * `a`, `!a`, `a>1`, `a<1`, comma-separated) into a predicate. The empty selector matches all.
 */
export function parseLabelSelector(text: string): (set: Record<string, string>) => boolean {
  const tokens = tokenize(text);
  const reqs: Requirement[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const bad = (why: string) =>
    new KustomizeError("PATCH", `unable to parse requirement: ${why} in selector "${text}"`);
  while (i < tokens.length) {
    let t = next();
    if (t === "!") {
      const key = next();
      if (!key || isOperator(key)) throw bad("expected a key after '!'");
      reqs.push((s) => !Object.hasOwn(s, key));
    } else if (t && !isOperator(t)) {
      const key = t;
      const op = peek();
      if (op === undefined || op === ",") {
        reqs.push((s) => Object.hasOwn(s, key));
      } else if (op === "=" || op === "==" || op === "!=") {
        next();
        let value = "";
        if (peek() !== undefined && peek() !== ",") value = next() as string;
        if (isOperator(value)) throw bad(`unexpected ${value}`);
        if (op === "!=") reqs.push((s) => s[key] !== value || !Object.hasOwn(s, key));
        else reqs.push((s) => Object.hasOwn(s, key) && s[key] === value);
      } else if (op === "in" || op === "notin") {
        next();
        if (next() !== "(") throw bad("expected '('");
        const values = new Set<string>();
        for (;;) {
          const v = next();
          if (v === undefined) throw bad("expected ')'");
          if (v === ")") break;
          if (v === ",") continue;
          values.add(v);
        }
        if (op === "in") reqs.push((s) => Object.hasOwn(s, key) && values.has(s[key] as string));
        else reqs.push((s) => !Object.hasOwn(s, key) || !values.has(s[key] as string));
      } else if (op === ">" || op === "<") {
        next();
        const bound = Number.parseInt(next() ?? "", 10);
        if (Number.isNaN(bound)) throw bad("expected an integer");
        reqs.push((s) => {
          if (!Object.hasOwn(s, key)) return false;
          const v = Number.parseInt(s[key] as string, 10);
          if (Number.isNaN(v)) return false;
          return op === ">" ? v > bound : v < bound;
        });
      } else {
        throw bad(`unexpected ${op}`);
      }
    } else {
      throw bad(`unexpected ${t}`);
    }
    t = peek();
    if (t === undefined) break;
    if (t !== ",") throw bad(`expected ',' but got ${t}`);
    next();
  }
  return (set) => reqs.every((r) => r(set));
}

function isOperator(t: string): boolean {
  return ["=", "==", "!=", "(", ")", ",", "!", ">", "<"].includes(t);
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "=" && text[i + 1] === "=") {
      out.push("==");
      i += 2;
    } else if (c === "!" && text[i + 1] === "=") {
      out.push("!=");
      i += 2;
    } else if ("=(),!<>".includes(c)) {
      out.push(c);
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s=(),!<>]/.test(text[j] as string)) j++;
      out.push(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/**
 * The exact-match selection replacements use (resid.IsSelectedBy): name equal, effective
 * namespace equal, group/version/kind equal where given.
 */
export function idSelects(
  selector: Selector,
  id: { group: string; version: string; kind: string; name: string; namespace: string },
): boolean {
  if (selector.name && selector.name !== id.name) return false;
  if (selector.namespace && effectiveNamespace(selector.namespace, false) !== id.namespace)
    return false;
  if (selector.group && selector.group !== id.group) return false;
  if (selector.version && selector.version !== id.version) return false;
  if (selector.kind && selector.kind !== id.kind) return false;
  return true;
}
