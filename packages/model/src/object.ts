/** A JSON-like value as found in a manifest. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type ObjectMeta = {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
};

/** A Kubernetes object as a plain value. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
};

/** Identity of an object: group, kind, namespace (empty for cluster-scoped) and name. */
export interface ObjectKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

export function keyOf(object: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): ObjectKey {
  return {
    group: groupOf(object.apiVersion),
    kind: object.kind,
    namespace: object.metadata?.namespace ?? "",
    name: object.metadata?.name ?? "",
  };
}

/** `group/Kind/namespace/name`, a total key suitable for maps and sorting. */
export function keyString(key: ObjectKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}

/** Human form used in messages: `Kind "name" (namespace)`. */
export function describeObject(object: Pick<KubeObject, "kind" | "metadata"> | ObjectKey): string {
  const meta = "metadata" in object ? object.metadata : object;
  const ns = meta.namespace ? ` (${meta.namespace})` : "";
  return `${object.kind} "${meta.name ?? ""}"${ns}`;
}

export function compareKeys(a: ObjectKey, b: ObjectKey): number {
  return (
    compareStrings(a.group, b.group) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.name, b.name)
  );
}

/** Code-unit order of two strings (locale-independent), for sort comparators. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isKubeObject(value: unknown): value is KubeObject {
  return (
    isJsonObject(value) &&
    typeof value.apiVersion === "string" &&
    typeof value.kind === "string" &&
    isJsonObject(value.metadata)
  );
}
