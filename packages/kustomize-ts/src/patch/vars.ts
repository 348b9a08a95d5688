import type { Value } from "../value.ts";

/**
 * Expands `$(NAME)` references the way kustomize's refvar filter does (Kubernetes'
 * `third_party/forked/golang/expansion`): `$$` is an escaped `$`, unknown names stay as written,
 * and a string that is exactly one known reference takes the variable's value with its type.
 * `onUse` is told every name that was replaced.
 */
export function expandVars(
  input: string,
  lookup: (name: string) => Value | undefined,
  onUse: (name: string) => void = () => {},
): Value {
  const whole = /^\$\(([^)]*)\)$/.exec(input);
  if (whole) {
    const value = lookup(whole[1] as string);
    if (value !== undefined) {
      onUse(whole[1] as string);
      return value;
    }
  }
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === "$") {
      out += "$";
    } else if (rest[0] === "(") {
      const close = rest.indexOf(")", 1);
      if (close < 0) {
        out += "$(";
      } else {
        const name = rest.slice(1, close);
        const value = lookup(name);
        if (value === undefined) out += `$(${name})`;
        else {
          onUse(name);
          out += formatVar(value);
        }
        advance = close + 1;
      }
    } else {
      out += `$${rest[0]}`;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

function formatVar(v: Value): string {
  if (v === null) return "<nil>";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
