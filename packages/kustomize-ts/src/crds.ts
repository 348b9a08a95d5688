import { decodeYaml } from "./codec.ts";
import type { FieldSpec } from "./fieldspec.ts";
import type { Loader } from "./loader.ts";
import { bytesToText } from "./reader.ts";
import {
  emptyTransformerConfig,
  mergeTransformerConfig,
  type TransformerConfig,
} from "./transformer-config.ts";
import { isMap, type Value, type ValueMap } from "./value.ts";

/*
 * `crds:` files are OpenAPI definition maps (`{"<pkg>.<Kind>": {"Schema": {...}}}`), not CRD
 * manifests. Properties carrying kustomize's x-kubernetes-* extensions add field specs to the
 * transformer config, as kustomize's LoadConfigFromCRDs does.
 */

function field(m: ValueMap, name: string): Value | undefined {
  if (Object.hasOwn(m, name)) return m[name];
  const lower = name.toLowerCase();
  const key = Object.keys(m).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : m[key];
}

function schemaOf(def: Value | undefined): ValueMap | undefined {
  if (!isMap(def)) return undefined;
  const s = field(def, "Schema");
  return isMap(s) ? s : undefined;
}

function propertiesOf(schema: ValueMap | undefined): ValueMap {
  const p = schema ? schema.properties : undefined;
  return isMap(p) ? p : {};
}

function looksLikeKubernetesType(schema: ValueMap | undefined): boolean {
  const p = propertiesOf(schema);
  return Object.hasOwn(p, "kind") && Object.hasOwn(p, "apiVersion") && Object.hasOwn(p, "metadata");
}

function str(v: Value | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function load(
  config: TransformerConfig,
  kind: string,
  defs: ValueMap,
  typeName: string,
  path: string[],
  depth: number,
): void {
  if (depth > 32) return;
  const schema = schemaOf(defs[typeName]);
  if (!schema) return;
  for (const [prop, raw] of Object.entries(propertiesOf(schema))) {
    if (!isMap(raw)) continue;
    const here = [...path, prop];
    const spec = (p: string[]): FieldSpec => ({
      group: "",
      version: "",
      kind,
      path: p.join("/"),
      create: false,
    });
    if (str(raw["x-kubernetes-annotation"]) !== undefined)
      config.commonAnnotations.push(spec(here));
    if (str(raw["x-kubernetes-label-selector"]) !== undefined) config.commonLabels.push(spec(here));
    if (str(raw["x-kubernetes-identity"]) !== undefined) config.namePrefix.push(spec(here));
    const version = str(raw["x-kubernetes-object-ref-api-version"]);
    const refKind = str(raw["x-kubernetes-object-ref-kind"]);
    if (version !== undefined && refKind !== undefined) {
      const nameKey = str(raw["x-kubernetes-object-ref-name-key"]) ?? "name";
      config.nameReference.push({
        gvk: { group: "", version, kind: refKind },
        referrers: [spec([...here, nameKey])],
      });
    }
    const ref = str(raw.$ref);
    if (ref !== undefined && ref !== "") load(config, kind, defs, ref, here, depth + 1);
  }
}

/** The transformer config the `crds:` files of a kustomization add. */
export function loadCrdConfig(loader: Loader, paths: readonly string[]): TransformerConfig {
  let config = emptyTransformerConfig();
  for (const path of paths) {
    const doc = decodeYaml(bytesToText(loader.load(path)), loader.resolve(path));
    if (!isMap(doc)) continue;
    for (const name of Object.keys(doc).sort()) {
      if (!looksLikeKubernetesType(schemaOf(doc[name]))) continue;
      const parts = name.split(".");
      const one = emptyTransformerConfig();
      load(one, parts[parts.length - 1] as string, doc, name, [], 0);
      config = mergeTransformerConfig(config, one);
    }
  }
  return config;
}
