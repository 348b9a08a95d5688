import { KustomizeError } from "../errors.ts";
import { applyFieldSpec, type FieldSpec } from "../fieldspec.ts";
import type { ReplicaArg } from "../kustomization.ts";
import { gvkSelected, gvkString } from "../resid.ts";
import type { ResMap } from "../resmap.ts";
import type { Value } from "../value.ts";

/**
 * Kustomize's ReplicaCountTransformer: `spec/replicas` of the workloads named (by current or
 * previous name) is set to the count; a name matching nothing is an error.
 */
export function transformReplicas(
  m: ResMap,
  replica: ReplicaArg,
  fieldSpecs: readonly FieldSpec[],
): void {
  const name = replica.name ?? "";
  const count = replica.count ?? 0;
  let found = false;
  for (const fs of fieldSpecs) {
    const matches = m.byAnyId((id) => id.name === name && gvkSelected(id.gvk, fs));
    if (matches.length === 0) continue;
    found = true;
    for (const r of matches) {
      applyFieldSpec(
        r,
        fs,
        (holder, key) => {
          (holder as Record<string | number, Value>)[key] = count;
        },
        "scalar",
      );
    }
  }
  if (!found) {
    const gvks = fieldSpecs.map((fs) =>
      gvkString({ group: fs.group ?? "", version: fs.version ?? "", kind: fs.kind ?? "" }),
    );
    throw new KustomizeError(
      "INVALID_KUSTOMIZATION",
      `resource with name ${name} does not match a config with the following GVK [${gvks.join(" ")}]`,
    );
  }
}
