import { LineCounter, parseAllDocuments, stringify } from "yaml";
import { FleetError } from "./errors.ts";
import type { SourceRef } from "./finding.ts";
import { isKubeObject, type KubeObject } from "./object.ts";

/** An object read from a manifest file, with where it came from. */
export interface Manifest {
  object: KubeObject;
  source: SourceRef;
}

/**
 * Parses a YAML (or JSON) stream of Kubernetes objects. `kind: *List` objects are expanded into
 * their items. Empty documents are skipped; anything that is not an object with apiVersion, kind
 * and metadata is an error naming the file and line.
 */
export function parseManifests(text: string, file: string): Manifest[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: true });
  const out: Manifest[] = [];
  for (const doc of docs) {
    const line = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : undefined;
    const [error] = doc.errors;
    if (error) {
      const errLine = error.linePos?.[0]?.line;
      throw new FleetError("BAD_YAML", `invalid YAML: ${error.message.split("\n")[0]}`, {
        file,
        line: errLine,
        hint: "fix the YAML syntax at that line",
      });
    }
    if (doc.contents === null) continue;
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    collect(value, file, line, out);
  }
  return out;
}

function collect(value: unknown, file: string, line: number | undefined, out: Manifest[]): void {
  if (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    (value as { kind: string }).kind.endsWith("List") &&
    Array.isArray((value as { items?: unknown }).items)
  ) {
    for (const item of (value as { items: unknown[] }).items) {
      // `kubectl get -o yaml` list items carry apiVersion/kind; a live API List may not (drift
      // handles that case itself), so a bare item here is an error like any other.
      collect(item, file, line, out);
    }
    return;
  }
  if (!isKubeObject(value)) {
    throw new FleetError(
      "BAD_MANIFEST",
      "not a Kubernetes object: apiVersion, kind and metadata are required",
      { file, line, hint: "each YAML document must be one Kubernetes object" },
    );
  }
  out.push(
    line === undefined
      ? { object: value, source: { file } }
      : { object: value, source: { file, line } },
  );
}

/** Plain YAML for humans (reports, diffs). Not kustomize's byte format: use kustomize-ts for that. */
export function stringifyManifest(object: unknown): string {
  return stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });
}
