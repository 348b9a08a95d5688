import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";

/** Which GitHub description to hold the emulator to. */
export type SpecName = "api.github.com" | "ghes-3.17";

type Json = Record<string, unknown>;

interface LoadedSpec {
  spec: { paths: Record<string, Record<string, Json>>; components: Json };
  ajv: {
    compile: (schema: unknown) => ValidateFunction;
  };
  cache: Map<string, ValidateFunction>;
}

const loaded = new Map<SpecName, LoadedSpec>();

/**
 * Loads GitHub's OpenAPI description from `@octokit/openapi` once per process (per test file under
 * Vitest) and compiles operation schemas on first use: the description is about 13 MB.
 */
function load(name: SpecName): LoadedSpec {
  const hit = loaded.get(name);
  if (hit) return hit;
  const require = createRequire(import.meta.url);
  const file = require.resolve(`@octokit/openapi/generated/${name}.json`);
  const spec = JSON.parse(readFileSync(file, "utf8")) as LoadedSpec["spec"];
  const AjvModule = require("ajv") as { default: new (opts: object) => LoadedSpec["ajv"] };
  const formats = require("ajv-formats") as { default: (ajv: unknown) => void };
  const ajv = new AjvModule.default({ strict: false, validateSchema: false, allErrors: true });
  formats.default(ajv);
  // GitHub's own formats, absent from ajv-formats.
  const custom = ajv as unknown as { addFormat: (name: string, format: RegExp | true) => void };
  custom.addFormat("repo.nwo", /^[^/\s]+\/[^/\s]+$/);
  custom.addFormat("timestamp", true);
  custom.addFormat("int64", true);
  custom.addFormat("int32", true);
  custom.addFormat("double", true);
  custom.addFormat("binary", true);
  (ajv as unknown as { addSchema: (s: unknown, key: string) => void }).addSchema(
    { components: spec.components },
    "gh",
  );
  const result = { spec, ajv, cache: new Map() };
  loaded.set(name, result);
  return result;
}

/** Follows a local `$ref` (`#/components/...`) in the description, for non-schema objects. */
function deref<T>(spec: LoadedSpec["spec"], node: T): T {
  let current = node as unknown;
  for (let i = 0; i < 10; i++) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== "string") return current as T;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>(
        (acc, part) => (acc as Json)[part.replace(/~1/g, "/").replace(/~0/g, "~")],
        spec,
      );
  }
  return current as T;
}

/** Rewrites `#/components/...` refs so a schema compiles against the registered `gh` document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `gh${v}` : rebase(v);
    }
    return out;
  }
  return schema;
}

function validator(loadedSpec: LoadedSpec, key: string, schema: unknown): ValidateFunction {
  let fn = loadedSpec.cache.get(key);
  if (!fn) {
    fn = loadedSpec.ajv.compile(rebase(schema));
    loadedSpec.cache.set(key, fn);
  }
  return fn;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`)
    .join("; ");
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: { type?: string };
}

/** Validates requests and responses of one operation (`method` + path template) against the spec. */
export interface OperationValidator {
  /** Problems with the request: unknown or ill-typed parameters, a body off-schema. */
  request(input: { path: Record<string, string>; query: URLSearchParams; body: unknown }): string[];
  /** Problems with the response: an undocumented status, a body off-schema. */
  response(status: number, body: unknown): string[];
  /** Compiles every schema of the operation now (tests do it in `beforeAll`, off the clock). */
  warm(): void;
}

/** The validator for `METHOD /template`, or a thrown error when the spec has no such operation. */
export function operation(name: SpecName, method: string, template: string): OperationValidator {
  const s = load(name);
  const item = s.spec.paths[template];
  const op = item?.[method.toLowerCase()] as Json | undefined;
  if (!item || !op) throw new Error(`${name} has no operation ${method} ${template}`);
  const params = [
    ...((item.parameters as unknown[] | undefined) ?? []),
    ...((op.parameters as unknown[] | undefined) ?? []),
  ].map((p) => deref(s.spec, p) as Parameter);
  const key = `${method} ${template}`;
  return {
    request({ path, query, body }) {
      const problems: string[] = [];
      for (const p of params) {
        if (p.in === "header") continue;
        const raw = p.in === "path" ? path[p.name] : (query.get(p.name) ?? undefined);
        if (raw === undefined) {
          if (p.required) problems.push(`missing ${p.in} parameter ${p.name}`);
          continue;
        }
        const value = coerce(raw, p.schema?.type);
        const fn = validator(s, `${key} param ${p.name}`, p.schema ?? {});
        if (!fn(value)) problems.push(`${p.in} parameter ${p.name}: ${describe(fn.errors)}`);
      }
      for (const name of query.keys()) {
        if (!params.some((p) => p.in === "query" && p.name === name)) {
          problems.push(`unknown query parameter ${name}`);
        }
      }
      const requestBody = deref(s.spec, op.requestBody as Json | undefined);
      const schema = (requestBody?.content as Json | undefined)?.["application/json"] as
        | Json
        | undefined;
      if (schema?.schema) {
        if (body === undefined) {
          if (requestBody?.required) problems.push("missing request body");
        } else {
          const fn = validator(s, `${key} body`, schema.schema);
          if (!fn(body)) problems.push(`request body: ${describe(fn.errors)}`);
        }
      } else if (body !== undefined && method !== "GET") {
        problems.push("request body sent to an operation that takes none");
      }
      return problems.map((p) => `${key}: ${p}`);
    },
    warm() {
      const requestBody = deref(s.spec, op.requestBody as Json | undefined);
      const schema = (requestBody?.content as Json | undefined)?.["application/json"] as
        | Json
        | undefined;
      if (schema?.schema) validator(s, `${key} body`, schema.schema);
      for (const [status, raw] of Object.entries(op.responses as Json)) {
        const content = (deref(s.spec, raw as Json).content as Json | undefined)?.[
          "application/json"
        ] as Json | undefined;
        if (content?.schema) validator(s, `${key} ${status}`, content.schema);
      }
    },
    response(status, body) {
      const responses = op.responses as Json;
      const res = deref(s.spec, responses[String(status)] as Json | undefined);
      if (!res) {
        // GitHub answers any operation with 401 (bad credentials) or 404 (missing or hidden
        // repository) in the basic-error shape, though the description lists them per operation.
        if (status === 401 || status === 404) {
          const fn = validator(s, "component basic-error", {
            $ref: "#/components/schemas/basic-error",
          });
          return fn(body) ? [] : [`${key} ${status}: response ${describe(fn.errors)}`];
        }
        return [`${key}: status ${status} is not documented`];
      }
      const content = (res.content as Json | undefined)?.["application/json"] as Json | undefined;
      if (!content?.schema) {
        return body === undefined ? [] : [`${key} ${status}: body sent where none is documented`];
      }
      const fn = validator(s, `${key} ${status}`, content.schema);
      return fn(body) ? [] : [`${key} ${status}: response ${describe(fn.errors)}`];
    },
  };
}

/** Validates a body against a named component schema (`basic-error` for injected faults). */
export function validateComponent(name: SpecName, component: string, body: unknown): string[] {
  const s = load(name);
  const fn = validator(s, `component ${component}`, { $ref: `#/components/schemas/${component}` });
  return fn(body) ? [] : [`${component}: ${describe(fn.errors)}`];
}

function coerce(raw: string, type: string | undefined): unknown {
  if (type === "integer" || type === "number") return raw === "" ? raw : Number(raw);
  if (type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  return raw;
}
