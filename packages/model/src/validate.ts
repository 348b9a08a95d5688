import { Ajv, type ErrorObject } from "ajv";
import { isNode, LineCounter, parseDocument } from "yaml";
import { FleetError } from "./errors.ts";

export type JsonSchema = Record<string, unknown>;

const ajv = new Ajv({ allErrors: false, strict: false });
const compiled = new WeakMap<JsonSchema, ReturnType<Ajv["compile"]>>();

/**
 * Parses one YAML document and checks it against a JSON Schema. Errors name the file, the line
 * of the offending node, the field (as a dotted path) and what the schema allows.
 */
export function parseYamlWithSchema(text: string, file: string, schema: JsonSchema): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    throw new FleetError("BAD_YAML", `invalid YAML: ${error.message.split("\n")[0]}`, {
      file,
      line: error.linePos?.[0]?.line,
      hint: "fix the YAML syntax at that line",
    });
  }
  const value: unknown = doc.toJS();
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(value)) {
    const err = validate.errors?.[0];
    if (!err) throw new FleetError("BAD_CONFIG", "does not match its schema", { file });
    const path = pointerToPath(err.instancePath);
    const node = doc.getIn(path, true);
    const range = isNode(node) ? node.range : undefined;
    const line = range ? lineCounter.linePos(range[0]).line : undefined;
    throw new FleetError("BAD_CONFIG", describeSchemaError(err), {
      file,
      line,
      field: path.length ? path.join(".") : undefined,
      hint: `see the JSON Schema ${String(schema.$id ?? "")}`,
    });
  }
  return value;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describeSchemaError(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "additionalProperties":
      return `unknown field "${String(p.additionalProperty)}"`;
    case "required":
      return `missing required field "${String(p.missingProperty)}"`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return `must match ${String(p.pattern)}`;
    case "type":
      return `must be of type ${String(p.type)}`;
    default:
      return err.message ?? `fails the ${err.keyword} rule`;
  }
}
