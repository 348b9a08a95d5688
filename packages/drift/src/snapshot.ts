import { FleetError, isKubeObject, type KubeObject } from "@fleet-baseline/model";
import { LineCounter, parseAllDocuments } from "yaml";
import { isObject } from "./json.ts";

/**
 * The objects of a list response or of `kubectl get -o yaml` output. Items of a raw API list
 * (`NetworkPolicyList`) carry no apiVersion/kind: they are set from the list. Returns undefined
 * when `value` is not a list.
 */
export function listItems(value: unknown): unknown[] | undefined {
  if (!isObject(value) || !Array.isArray(value.items)) return undefined;
  const kind = typeof value.kind === "string" ? value.kind : "";
  if (!kind.endsWith("List")) return undefined;
  const apiVersion = typeof value.apiVersion === "string" ? value.apiVersion : undefined;
  const itemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
  return value.items.map((item) => {
    if (!isObject(item)) return item;
    const filled = { ...item };
    if (filled.apiVersion === undefined && apiVersion && itemKind) filled.apiVersion = apiVersion;
    if (filled.kind === undefined && itemKind) filled.kind = itemKind;
    return filled;
  });
}

/**
 * Parses a live snapshot: `kubectl get -o yaml` output (a `List`), multi-document YAML or API JSON.
 * Problems are `FleetError`s naming the file and line.
 */
export function parseLiveSnapshot(text: string, file: string): KubeObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  const out: KubeObject[] = [];
  for (const doc of docs) {
    const [error] = doc.errors;
    if (error) {
      throw new FleetError("BAD_YAML", `invalid YAML: ${error.message.split("\n")[0]}`, {
        file,
        line: error.linePos?.[0]?.line,
        hint: "pass the output of `kubectl get ... -o yaml` unchanged",
      });
    }
    if (doc.contents === null) continue;
    const line = doc.contents.range ? lineCounter.linePos(doc.contents.range[0]).line : undefined;
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    for (const item of listItems(value) ?? [value]) {
      if (!isKubeObject(item)) {
        throw new FleetError(
          "BAD_MANIFEST",
          "not a Kubernetes object: apiVersion, kind and metadata are required",
          {
            file,
            line,
            hint: "a snapshot holds objects or lists of objects, as `kubectl get -o yaml` prints them",
          },
        );
      }
      out.push(item);
    }
  }
  return out;
}
