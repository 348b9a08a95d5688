import type { Accumulator } from "../accumulator.ts";
import { KustomizeError } from "../errors.ts";
import { applyFieldSpec, type FieldSpec } from "../fieldspec.ts";
import { lookupField } from "../patch/field-path.ts";
import { expandVars } from "../patch/vars.ts";
import { gvkEquals, idEquals, makeResId, type ResId } from "../resid.ts";
import { mergeFieldSpecs } from "../transformer-config.ts";
import { isMap, type Value } from "../value.ts";

/** A declared var (`vars:` entry) after kustomize's defaulting. */
export interface VarDecl {
  name: string;
  group: string;
  version: string;
  kind: string;
  objName: string;
  namespace: string;
  fieldPath: string;
}

function text(v: unknown): string {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

function toVarDecl(raw: Record<string, unknown>): VarDecl {
  const objref = (isMap(raw.objref as Value) ? raw.objref : {}) as Record<string, unknown>;
  const fieldref = (isMap(raw.fieldref as Value) ? raw.fieldref : {}) as Record<string, unknown>;
  let group = text(objref.group);
  let version = text(objref.version);
  const apiVersion = text(objref.apiVersion);
  if (apiVersion !== "") {
    const parts = apiVersion.split("/");
    if (parts.length === 2) {
      group = parts[0] as string;
      version = parts[1] as string;
    } else if (parts.length === 1) {
      version = parts[0] as string;
    }
  }
  return {
    name: text(raw.name),
    group,
    version,
    kind: text(objref.kind),
    objName: text(objref.name),
    namespace: text(objref.namespace),
    fieldPath: text(fieldref.fieldPath ?? fieldref.fieldpath) || "metadata.name",
  };
}

/**
 * kustomize's `ResAccumulator.MergeVars`: each var marks the one resource it refers to (by any
 * id) and joins the var set; a name declared twice is an error.
 */
export function mergeVars(
  acc: Accumulator,
  incoming: ReadonlyArray<Record<string, unknown>>,
  file: string,
): void {
  for (const raw of incoming) {
    const v = toVarDecl(raw);
    const id = makeResId(
      { group: v.group, version: v.version, kind: v.kind },
      v.objName,
      v.namespace,
    );
    const matcher =
      v.namespace !== "" || id.clusterScoped
        ? (x: ResId) => idEquals(id, x)
        : (x: ResId) => gvkEquals(id.gvk, x.gvk) && id.name === x.name;
    const matched = acc.resMap.byAnyId(matcher);
    if (matched.length > 1) {
      throw new KustomizeError(
        "REFERENCE",
        `${file}: found ${matched.length} resId matches for var ${v.name} (unable to disambiguate)`,
        { file },
      );
    }
    if (matched.length === 1) matched[0]?.refVarNames.push(v.name);
  }
  for (const raw of incoming) {
    const v = toVarDecl(raw);
    if ((acc.vars as VarDecl[]).some((x) => x.name === v.name)) {
      throw new KustomizeError("REFERENCE", `${file}: var '${v.name}' already encountered`, {
        file,
      });
    }
    acc.vars.push(v);
  }
}

/** kyaml's convertSliceIndex: `ports[0]` becomes `ports`, `0`. */
function splitVarFieldPath(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split(".")) {
    const m = /^(.*)\[(\d+)\]$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1] !== "") out.push(m[1] as string);
    out.push(m[2] as string);
  }
  return out;
}

/** The var reference field specs kustomize ships (`varReference` of its transformer config). */
const VAR_REFERENCE: FieldSpec[] = (() => {
  const specs: FieldSpec[] = [];
  const workloads: Array<[string, string]> = [
    ["CronJob", "spec/jobTemplate/spec/template/spec"],
    ["DaemonSet", "spec/template/spec"],
    ["Deployment", "spec/template/spec"],
  ];
  const containerFields = ["args", "command", "env/value", "volumeMounts/mountPath"];
  const add = (kind: string, prefix: string) => {
    for (const c of ["containers", "initContainers"]) {
      for (const f of containerFields) specs.push({ kind, path: `${prefix}/${c}/${f}` });
    }
  };
  for (const [kind, prefix] of workloads) {
    add(kind, prefix);
    specs.push({
      kind,
      path:
        kind === "CronJob"
          ? "spec/jobTemplate/spec/template/volumes/nfs/server"
          : `${prefix}/volumes/nfs/server`,
    });
  }
  specs.push({ kind: "Deployment", path: "spec/template/metadata/annotations" });
  specs.push({ kind: "Ingress", path: "spec/rules/host" });
  specs.push({ kind: "Ingress", path: "spec/tls/hosts" });
  specs.push({ kind: "Ingress", path: "spec/tls/secretName" });
  add("Job", "spec/template/spec");
  specs.push({ kind: "Job", path: "spec/template/spec/volumes/nfs/server" });
  add("Pod", "spec");
  specs.push({ kind: "Pod", path: "spec/volumes/nfs/server" });
  add("ReplicaSet", "spec/template/spec");
  specs.push({ kind: "ReplicaSet", path: "spec/template/spec/volumes/nfs/server" });
  specs.push({ kind: "Service", path: "spec/ports/port" });
  specs.push({ kind: "Service", path: "spec/ports/targetPort" });
  add("StatefulSet", "spec/template/spec");
  specs.push({ kind: "StatefulSet", path: "spec/volumeClaimTemplates/spec/nfs/server" });
  specs.push({ kind: "PersistentVolume", path: "spec/nfs/server" });
  specs.push({ path: "metadata/labels" });
  specs.push({ path: "metadata/annotations" });
  return specs;
})();

/** A var's value as kyaml's GetFieldValue types it; maps and lists are not replaceable. */
function varValue(v: Value): Value | undefined {
  if (v === null) return "null";
  if (Array.isArray(v) || isMap(v)) return undefined;
  if (typeof v === "bigint") return v;
  return v;
}

/**
 * Resolves `$(VAR)` references at the top level, after name references (kustomize's
 * `ResolveVars` with the refvar filter over the var reference field specs).
 */
export function resolveVars(acc: Accumulator, file: string): void {
  const vars = acc.vars as VarDecl[];
  if (vars.length === 0) return;
  const values = new Map<string, Value | undefined>();
  for (const v of vars) {
    const res = acc.resMap.list.find((r) => r.refVarNames.includes(v.name));
    if (!res) {
      throw new KustomizeError(
        "REFERENCE",
        `${file}: var '${v.name}' cannot be mapped to a field in the set of known resources`,
        { file },
      );
    }
    const found = lookupField(res.obj, splitVarFieldPath(v.fieldPath));
    if (found === undefined) {
      throw new KustomizeError(
        "REFERENCE",
        `${file}: field specified in var '${v.name}' not found in corresponding resource`,
        { file },
      );
    }
    values.set(v.name, varValue(found));
  }
  const lookup = (name: string) => values.get(name);
  const expand = (s: string): Value => expandVars(s, lookup);
  const specs = mergeFieldSpecs(VAR_REFERENCE, acc.config.varReference);
  for (const res of acc.resMap.list) {
    for (const spec of specs) {
      applyFieldSpec(res, spec, (holder, key) => {
        const h = holder as Record<string | number, Value>;
        const node = h[key];
        if (node === null || node === undefined) return;
        if (typeof node === "string") {
          h[key] = expand(node);
        } else if (Array.isArray(node)) {
          for (let i = 0; i < node.length; i++) {
            const item = node[i];
            if (typeof item !== "string") {
              throw new KustomizeError("REFERENCE", "invalid value type expect a string");
            }
            node[i] = expand(item);
          }
        } else if (isMap(node)) {
          for (const k of Object.keys(node)) {
            const item = node[k];
            if (typeof item === "string") node[k] = expand(item);
          }
        }
      });
    }
  }
}

/** `VarSet.MergeSet`: a base's vars join the parent's; a name seen twice is an error. */
export function mergeVarSet(acc: Accumulator, incoming: readonly unknown[], file: string): void {
  for (const v of incoming as VarDecl[]) {
    if ((acc.vars as VarDecl[]).some((x) => x.name === v.name)) {
      throw new KustomizeError("REFERENCE", `${file}: var '${v.name}' already encountered`, {
        file,
      });
    }
    acc.vars.push(v);
  }
}
