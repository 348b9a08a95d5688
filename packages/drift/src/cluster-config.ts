import { FleetError } from "@fleet-baseline/model";
import { parse } from "yaml";
import { isObject } from "./json.ts";

/**
 * The kube context of a cluster: `spec.kube.context` of its `cluster.yaml`, else the cluster name.
 * Reads only that field.
 */
export function kubeContextOf(clusterYaml: string, clusterName: string, file?: string): string {
  let value: unknown;
  try {
    value = parse(clusterYaml);
  } catch (error) {
    throw new FleetError("BAD_YAML", `invalid YAML: ${(error as Error).message.split("\n")[0]}`, {
      file,
    });
  }
  const spec = isObject(value) ? value.spec : undefined;
  const kube = isObject(spec) ? spec.kube : undefined;
  const context = isObject(kube) ? kube.context : undefined;
  if (context === undefined || context === null) return clusterName;
  if (typeof context !== "string" || context === "") {
    throw new FleetError("BAD_CONFIG", "spec.kube.context must be a non-empty string", {
      file,
      field: "spec.kube.context",
    });
  }
  return context;
}
