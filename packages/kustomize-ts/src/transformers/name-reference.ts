import type { NameBackReference } from "../builtin-field-specs.ts";
import { KustomizeError } from "../errors.ts";
import { applyFieldSpec, type FieldSpec } from "../fieldspec.ts";
import { effectiveNamespace, type GvkSelector, gvkSelected, idString, nsEquals } from "../resid.ts";
import type { ResMap } from "../resmap.ts";
import { type Resource, sameEndingSubSlice } from "../resource.ts";
import { getField, getMap, isMap, scalarText, type Value, type ValueMap } from "../value.ts";

/**
 * Kustomize's name-reference fix-up: every field listed in the name-reference config that holds
 * the old name of a renamed object is rewritten to the object's final name (and, for subject-
 * like maps, its namespace).
 */
export function fixNameReferences(m: ResMap, backRefs: readonly NameBackReference[]): void {
  // Referrer specs indexed by kind (ordinal keeps kustomize's order: back reference, then spec).
  const byKind = new Map<string, Entry[]>();
  const anyKind: Entry[] = [];
  let ordinal = 0;
  for (const backRef of backRefs) {
    for (const spec of backRef.referrers) {
      const entry = { spec, target: backRef.gvk, ordinal: ordinal++ };
      if (spec.kind) {
        const list = byKind.get(spec.kind);
        if (list) list.push(entry);
        else byKind.set(spec.kind, [entry]);
      } else anyKind.push(entry);
    }
  }
  const all = m.resources();
  const subsets = new Map<string, Subset>();
  for (const referrer of all) {
    const org = referrer.orgId();
    const entries = [...(byKind.get(org.gvk.kind) ?? []), ...anyKind]
      .filter((e) => gvkSelected(org.gvk, e.spec))
      .sort((a, b) => a.ordinal - b.ordinal);
    if (entries.length === 0) continue;
    const subset = subsetFor(all, referrer, subsets);
    for (const { spec, target } of entries) {
      const fix = new Fixer(referrer, subset, spec, target);
      const gvk = referrer.gvk;
      applyFieldSpec(
        referrer,
        { path: spec.path, group: gvk.group, version: gvk.version, kind: gvk.kind },
        (holder, key) => fix.set(holder as Record<string | number, Value>, key),
      );
    }
  }
}

interface Entry {
  readonly spec: FieldSpec;
  readonly target: GvkSelector;
  readonly ordinal: number;
}

/** The objects a referrer may point at (`SubsetThatCouldBeReferencedByResource`), indexed. */
class Subset {
  readonly members: Resource[];
  private byPrevName: Map<string, Resource[]> | undefined;
  private orgGroups: Map<string, Resource[]> | undefined;
  private curGroups: Map<string, Resource[]> | undefined;

  constructor(members: Resource[]) {
    this.members = members;
  }

  withPreviousName(name: string): Resource[] {
    if (!this.byPrevName) {
      this.byPrevName = new Map();
      for (const r of this.members) {
        for (const n of new Set(r.prevIds.map((p) => p.name))) {
          const list = this.byPrevName.get(n);
          if (list) list.push(r);
          else this.byPrevName.set(n, [r]);
        }
      }
    }
    return this.byPrevName.get(name) ?? [];
  }

  /** `filterMapCandidatesByNamespace`: by original namespace, else by current namespace. */
  inNamespace(ns: string): Resource[] {
    if (!this.orgGroups) this.orgGroups = groupBy(this.members, (r) => r.orgId());
    const hit = this.orgGroups.get(ns);
    if (hit) return hit;
    if (!this.curGroups) this.curGroups = groupBy(this.members, (r) => r.curId());
    return this.curGroups.get(ns) ?? [];
  }
}

function subsetFor(all: Resource[], referrer: Resource, cache: Map<string, Subset>): Subset {
  const referrerId = referrer.curId();
  let key = "*";
  let rbNamespaces = new Set<string>();
  if (!referrerId.clusterScoped) {
    rbNamespaces = roleBindingNamespaces(referrer);
    key = `${effectiveNamespace(referrerId)}|${[...rbNamespaces].sort().join("|")}`;
  }
  let subset = cache.get(key);
  if (!subset) {
    const members = referrerId.clusterScoped
      ? all
      : all.filter((t) => {
          const id = t.curId();
          return id.clusterScoped || nsEquals(id, referrerId) || rbNamespaces.has(t.namespace);
        });
    subset = new Subset(members);
    cache.set(key, subset);
  }
  return subset;
}

/** Namespaces of a RoleBinding's ServiceAccount subjects (their objects are candidates too). */
function roleBindingNamespaces(referrer: Resource): Set<string> {
  const out = new Set<string>();
  if (referrer.kind !== "RoleBinding") return out;
  const subjects = referrer.obj.subjects;
  if (!Array.isArray(subjects)) return out;
  for (const s of subjects) {
    if (!isMap(s) || !Object.hasOwn(s, "namespace") || !Object.hasOwn(s, "kind")) continue;
    if (s.kind !== "ServiceAccount") continue;
    const ns = s.namespace;
    if (typeof ns !== "string") {
      throw new KustomizeError(
        "INVALID_RESOURCE",
        `Invalid Input: namespace is blank for resource "${idString(referrer.curId())}"`,
      );
    }
    out.add(ns);
  }
  return out;
}

class Fixer {
  readonly referrer: Resource;
  readonly subset: Subset;
  readonly spec: FieldSpec;
  readonly target: GvkSelector;

  constructor(referrer: Resource, subset: Subset, spec: FieldSpec, target: GvkSelector) {
    this.referrer = referrer;
    this.subset = subset;
    this.spec = spec;
    this.target = target;
  }

  set(holder: Record<string | number, Value>, key: string | number): void {
    const node = holder[key];
    if (node === undefined || node === null) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i] as Value;
        if (item === null) continue;
        if (isMap(item)) this.setMapping(item);
        else if (Array.isArray(item)) {
          throw new KustomizeError(
            "INVALID_RESOURCE",
            `${this.referrer}: ${this.spec.path} is expected to be either a string or a map of string`,
          );
        } else this.setScalar(node as unknown as Record<number, Value>, i);
      }
      return;
    }
    if (isMap(node)) this.setMapping(node);
    else this.setScalar(holder, key);
  }

  private setScalar(holder: Record<string | number, Value>, key: string | number): void {
    const old = scalarText(holder[key]);
    const referral = this.select(old, this.subset.withPreviousName(old), allNamesSame);
    if (!referral) return;
    referral.referenced = true;
    if (referral.name === old) return;
    holder[key] = referral.name;
  }

  private setMapping(node: ValueMap): void {
    if (!Object.hasOwn(node, "name")) {
      throw new KustomizeError(
        "INVALID_RESOURCE",
        `${this.referrer}: path config error; no 'name' field in node`,
      );
    }
    const old = scalarText(node.name);
    const candidates = Object.hasOwn(node, "namespace")
      ? this.subset.inNamespace(scalarText(node.namespace))
      : this.subset.withPreviousName(old);
    const referral = this.select(old, candidates, allNamesAndNamespacesSame);
    if (!referral) return;
    referral.referenced = true;
    if (referral.name === old && referral.namespace === "") return;
    node.name = referral.name;
    if (referral.namespace === "") return;
    node.namespace = referral.namespace;
  }

  private select(
    oldName: string,
    candidates: Resource[],
    identical: (rs: Resource[]) => boolean,
  ): Resource | undefined {
    let c = candidates.filter((r) => r.prevIds.some((p) => p.name === oldName));
    c = c.filter((r) => r.previousIds().some((id) => gvkSelected(id.gvk, this.target)));
    const roleRef = this.roleRefGvk();
    if (roleRef) c = c.filter((r) => r.previousIds().some((id) => gvkSelected(id.gvk, roleRef)));
    const referrerId = this.referrer.curId();
    if (!referrerId.clusterScoped) {
      c = c.filter((r) => {
        const id = r.curId();
        return id.clusterScoped || r.kind === "ServiceAccount" || nsEquals(referrerId, id);
      });
    }
    if (c.length === 1) return c[0];
    c = c.filter((r) => affixesEqual(r, this.referrer, true));
    if (c.length > 1) c = c.filter((r) => affixesEqual(r, this.referrer, false));
    if (c.length === 1) return c[0];
    if (c.length === 0) return undefined;
    if (identical(c)) return c[0];
    throw new KustomizeError(
      "REFERENCE",
      `found multiple possible referrals: ${c.map((r) => idString(r.curId())).join(", ")} for ${this.spec.path} of ${idString(referrerId)}`,
    );
  }

  private roleRefGvk(): GvkSelector | undefined {
    if (!this.spec.path.endsWith("roleRef/name")) return undefined;
    const roleRef = getMap(this.referrer.obj, "roleRef");
    if (!roleRef) return undefined;
    const group = getField(roleRef, "apiGroup");
    const kind = getField(roleRef, "kind");
    if (group === undefined || group === null || kind === undefined || kind === null)
      return undefined;
    return { group: scalarText(group), kind: scalarText(kind) };
  }
}

function groupBy(
  list: Resource[],
  id: (r: Resource) => ReturnType<Resource["curId"]>,
): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of list) {
    const x = id(r);
    const ns = x.clusterScoped
      ? "_non_namespaceable_"
      : x.namespace === "" || x.namespace === "default"
        ? "default"
        : x.namespace;
    if (ns === "_non_namespaceable_") continue;
    const arr = out.get(ns);
    if (arr) arr.push(r);
    else out.set(ns, [r]);
  }
  return out;
}

function affixesEqual(r: Resource, o: Resource, allowEmpty: boolean): boolean {
  if (allowEmpty) {
    const prefixOk =
      r.prefixes.length === 0 ||
      o.prefixes.length === 0 ||
      sameEndingSubSlice(r.prefixes, o.prefixes);
    const suffixOk =
      r.suffixes.length === 0 ||
      o.suffixes.length === 0 ||
      sameEndingSubSlice(r.suffixes, o.suffixes);
    return prefixOk && suffixOk;
  }
  return sameEndingSubSlice(r.prefixes, o.prefixes) && sameEndingSubSlice(r.suffixes, o.suffixes);
}

function allNamesSame(rs: Resource[]): boolean {
  return rs.every((r) => r.name === rs[0]?.name);
}

function allNamesAndNamespacesSame(rs: Resource[]): boolean {
  return rs.every((r) => r.name === rs[0]?.name && r.namespace === rs[0]?.namespace);
}
