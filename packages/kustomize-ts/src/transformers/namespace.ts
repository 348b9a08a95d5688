import { KustomizeError } from "../errors.ts";
import { applyFieldSpecs, type FieldSpec, type SetFn } from "../fieldspec.ts";
import { idString } from "../resid.ts";
import { idKey, type ResMap } from "../resmap.ts";
import type { Resource } from "../resource.ts";
import { isMap, scalarText, type Value, type ValueMap } from "../value.ts";

export type RoleBindingSubjectMode = "defaultOnly" | "none" | "allServiceAccounts";

export interface NamespaceOptions {
  readonly namespace: string;
  readonly fieldSpecs: readonly FieldSpec[];
  readonly setRoleBindingSubjects?: RoleBindingSubjectMode | undefined;
  readonly unsetOnly?: boolean | undefined;
}

/**
 * Kustomize's NamespaceTransformer: sets `metadata.namespace` on every kind not known to be
 * cluster-scoped (overwriting), renames v1 Namespace objects, sets the namespace of
 * RoleBinding/ClusterRoleBinding subjects named `default`, and the configured extra fields.
 * Every resource records its previous id; two resources ending with one id is an error.
 */
export function transformNamespace(m: ResMap, opts: NamespaceOptions): void {
  if (opts.namespace === "") return;
  const setter: SetFn = (holder, key) => {
    const h = holder as Record<string | number, Value>;
    if (opts.unsetOnly && scalarText(h[key]) !== "") return;
    h[key] = opts.namespace;
  };
  const resources = m.resources();
  for (const r of resources) {
    if (Object.keys(r.obj).length === 0) continue;
    r.storePreviousId();
    applyNamespace(r, opts, setter);
  }
  // Kustomize checks after each object; every namespaced object gets the same namespace, so a
  // collision seen mid-way persists to the end and one check afterwards finds the same errors.
  const seen = new Map<string, Resource>();
  for (const r of resources) {
    const key = idKey(r.curId());
    const other = seen.get(key);
    if (other) {
      throw new KustomizeError(
        "ID_CONFLICT",
        `namespace transformation produces ID conflict: ${idString(other.curId())} and ${idString(r.curId())}`,
      );
    }
    seen.set(key, r);
  }
}

function applyNamespace(r: Resource, opts: NamespaceOptions, setter: SetFn): void {
  const apiVersion = r.apiVersion;
  let specs = opts.fieldSpecs.filter(
    (fs) =>
      fs.path !== "metadata/namespace" && (apiVersion === "v1" || fs.path !== "metadata/name"),
  );
  if (!r.curId().clusterScoped) {
    applyFieldSpecs(r, [{ path: "metadata/namespace", create: true }], setter, "scalar");
  }
  const kind = r.kind;
  if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
    specs = specs.filter(
      (fs) =>
        !(
          (fs.kind === "RoleBinding" || fs.kind === "ClusterRoleBinding") &&
          fs.path === "subjects/namespace"
        ),
    );
    setSubjectNamespaces(r, opts, setter);
  }
  applyFieldSpecs(r, specs, setter, "scalar");
}

function setSubjectNamespaces(r: Resource, opts: NamespaceOptions, setter: SetFn): void {
  const mode = opts.setRoleBindingSubjects ?? "defaultOnly";
  if (mode === "none") return;
  const subjects = r.obj.subjects;
  if (subjects === undefined || subjects === null) return;
  if (!Array.isArray(subjects)) {
    throw new KustomizeError(
      "INVALID_RESOURCE",
      `setting namespace on (cluster)role binding subjects of ${r}: subjects must be a list`,
    );
  }
  for (const s of subjects) {
    if (!isMap(s)) continue;
    const wanted = mode === "defaultOnly" ? ["name", "default"] : ["kind", "ServiceAccount"];
    const v = (s as ValueMap)[wanted[0] as string];
    if (v === undefined || scalarText(v) !== wanted[1]) continue;
    if (!Object.hasOwn(s, "namespace") || s.namespace === null) s.namespace = "";
    setter(s, "namespace");
  }
}
