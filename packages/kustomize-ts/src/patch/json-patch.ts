import { KustomizeError } from "../errors.ts";
import { isMap, type Value, type ValueMap } from "../value.ts";
import { deepCopy } from "./strategic-merge.ts";

/** One RFC 6902 operation as written; fields are checked when it is applied, as kustomize does. */
export type JsonPatchOperation = ValueMap;

/*
 * RFC 6902 with the behaviour of gopkg.in/evanphx/json-patch.v4, which kustomize v5.5.0 uses:
 * `replace` of a missing object key adds it, negative array indexes count from the end,
 * `-` appends, and the error texts follow that library.
 */

type Container = ValueMap | Value[];

function fail(message: string): KustomizeError {
  return new KustomizeError("PATCH", message);
}

function decodeKey(part: string): string {
  return part.replaceAll("~1", "/").replaceAll("~0", "~");
}

function getChild(c: Container, key: string): Value | undefined {
  if (Array.isArray(c)) {
    const idx = parseIndex(key);
    if (idx >= c.length)
      throw fail(`Unable to access invalid index: ${idx}: invalid index referenced`);
    return c[idx < 0 ? idx + c.length : idx];
  }
  return Object.hasOwn(c, key) ? c[key] : undefined;
}

function parseIndex(key: string): number {
  if (!/^[+-]?[0-9]+$/.test(key)) {
    throw fail(`strconv.Atoi: parsing "${key}": invalid syntax`);
  }
  return Number.parseInt(key, 10);
}

/** The container holding the last path segment, or undefined when the path does not exist. */
function findObject(doc: Container, path: string): [Container, string] | undefined {
  const split = path.split("/");
  if (split.length < 2) return undefined;
  let current: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: Value | undefined;
    try {
      next = getChild(current, decodeKey(part));
    } catch {
      return undefined;
    }
    if (next === undefined || next === null) return undefined;
    if (Array.isArray(next) || isMap(next)) current = next;
    else return undefined;
  }
  return [current, decodeKey(split[split.length - 1] as string)];
}

function addTo(c: Container, key: string, value: Value): void {
  if (!Array.isArray(c)) {
    c[key] = value;
    return;
  }
  if (key === "-") {
    c.push(value);
    return;
  }
  let idx = parseIndex(key);
  const size = c.length + 1;
  if (idx >= size) throw fail(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (idx < -size) throw fail(`Unable to access index: ${idx}: invalid index referenced`);
  if (idx < 0) idx += size;
  c.splice(idx, 0, value);
}

function removeFrom(c: Container, key: string): void {
  if (!Array.isArray(c)) {
    if (!Object.hasOwn(c, key)) {
      throw fail(`Unable to remove nonexistent key: ${key}: missing value`);
    }
    delete c[key];
    return;
  }
  let idx = parseIndex(key);
  if (idx >= c.length)
    throw fail(`Unable to access invalid index: ${idx}: invalid index referenced`);
  if (idx < -c.length) throw fail(`Unable to access index: ${idx}: invalid index referenced`);
  if (idx < 0) idx += c.length;
  c.splice(idx, 1);
}

function setIn(c: Container, key: string, value: Value): void {
  if (!Array.isArray(c)) {
    c[key] = value;
    return;
  }
  let idx = parseIndex(key);
  if (idx < 0) idx += c.length;
  c[idx] = value;
}

function stringField(op: JsonPatchOperation, name: string, kind: string): string {
  const v = op[name];
  if (typeof v !== "string") throw fail(`${kind} operation missing ${name} field`);
  return v;
}

function opValue(op: JsonPatchOperation): Value {
  const v = op.value;
  return v === undefined ? null : deepCopy(v);
}

/**
 * Applies the operations in order to a copy of `doc` and returns it. The result has been
 * through JSON, as in kustomize: integers beyond 2^53 lose precision like Go's float64.
 */
export function applyJsonPatch(doc: ValueMap, ops: JsonPatchOperation[]): ValueMap {
  const root = toJsonNumbers(deepCopy(doc)) as ValueMap;
  for (const op of ops) {
    const kind = typeof op.op === "string" ? op.op : "";
    switch (kind) {
      case "add": {
        const path = stringField(op, "path", "add");
        const found = findObject(root, path);
        if (!found)
          throw fail(`add operation does not apply: doc is missing path: "${path}": missing value`);
        wrap("add", path, () => addTo(found[0], found[1], toJsonNumbers(opValue(op))));
        break;
      }
      case "remove": {
        const path = stringField(op, "path", "remove");
        const found = findObject(root, path);
        if (!found)
          throw fail(
            `remove operation does not apply: doc is missing path: "${path}": missing value`,
          );
        wrap("remove", path, () => removeFrom(found[0], found[1]));
        break;
      }
      case "replace": {
        const path = stringField(op, "path", "replace");
        const found = findObject(root, path);
        if (!found)
          throw fail(
            `replace operation does not apply: doc is missing path: ${path}: missing value`,
          );
        wrap("replace", path, () => {
          try {
            getChild(found[0], found[1]);
          } catch {
            throw fail(
              `replace operation does not apply: doc is missing key: ${path}: missing value`,
            );
          }
          setIn(found[0], found[1], toJsonNumbers(opValue(op)));
        });
        break;
      }
      case "move": {
        const from = stringField(op, "from", "move");
        const source = findObject(root, from);
        if (!source)
          throw fail(
            `move operation does not apply: doc is missing from path: ${from}: missing value`,
          );
        const value = wrap("move", from, () => getChild(source[0], source[1]));
        wrap("move", from, () => removeFrom(source[0], source[1]));
        const path = stringField(op, "path", "move");
        const target = findObject(root, path);
        if (!target)
          throw fail(
            `move operation does not apply: doc is missing destination path: ${path}: missing value`,
          );
        wrap("move", path, () => addTo(target[0], target[1], value ?? null));
        break;
      }
      case "copy": {
        const from = stringField(op, "from", "copy");
        const source = findObject(root, from);
        if (!source)
          throw fail(
            `copy operation does not apply: doc is missing from path: ${from}: missing value`,
          );
        const value = wrap("copy", from, () => getChild(source[0], source[1]));
        const path = stringField(op, "path", "copy");
        const target = findObject(root, path);
        if (!target)
          throw fail(
            `copy operation does not apply: doc is missing destination path: ${path}: missing value`,
          );
        // json-patch v4 copies a missing value as null.
        wrap("copy", path, () =>
          addTo(target[0], target[1], value === undefined ? null : deepCopy(value)),
        );
        break;
      }
      case "test": {
        const path = stringField(op, "path", "test");
        const found = findObject(root, path);
        if (!found)
          throw fail(`test operation does not apply: is missing path: ${path}: missing value`);
        const actual = getChild(found[0], found[1]);
        const expected = op.value;
        const passes =
          actual === undefined
            ? expected === undefined || expected === null
            : expected !== undefined && jsonEqual(actual, toJsonNumbers(expected));
        if (!passes) throw fail(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw fail(`Unexpected kind: ${kind}`);
    }
  }
  return root;
}

function wrap<T>(kind: string, path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof KustomizeError) {
      throw fail(`error in ${kind} for path: '${path}': ${e.message}`);
    }
    throw e;
  }
}

/** Integers through Go's float64, as a JSON round trip into interface{} does. */
function toJsonNumbers(v: Value): Value {
  if (typeof v === "bigint") {
    const n = Number(v);
    if (Number.isSafeInteger(n) || Math.abs(n) >= 1e21) return n;
    return BigInt(n);
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = toJsonNumbers(v[i] as Value);
    return v;
  }
  if (isMap(v)) {
    for (const k of Object.keys(v)) v[k] = toJsonNumbers(v[k] as Value);
    return v;
  }
  return v;
}

function jsonEqual(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i] as Value));
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k] as Value, b[k] as Value));
  }
  const numeric = (x: Value) => typeof x === "number" || typeof x === "bigint";
  if (numeric(a) && numeric(b)) return String(a) === String(b);
  return a === b;
}
