import { FleetError } from "@fleet-baseline/model";
import { isScalar, LineCounter, parseAllDocuments, Scalar, visit } from "yaml";

/**
 * Plain scalars that YAML 1.1 (kubectl's `sigs.k8s.io/yaml`) and YAML 1.2 (the `yaml` package)
 * read differently: booleans spelled `yes`/`no`/`on`/`off`/`y`/`n`, octal `0644`, binary `0b101`
 * and sexagesimal `1:30`. The cluster would hold another value than the one compared.
 */
const AMBIGUOUS = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
];

/**
 * Throws `BAD_YAML` naming the file and line of the first plain scalar YAML 1.1 and 1.2 read
 * differently (drift.md 1.4), with the fix: quote it.
 */
export function assertUnambiguousYaml(text: string, file: string): void {
  const lineCounter = new LineCounter();
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    let found: { source: string; offset: number } | undefined;
    visit(doc, {
      Scalar(_key, node) {
        if (found || !isScalar(node) || node.type !== Scalar.PLAIN) return;
        const source = node.source ?? String(node.value);
        if (AMBIGUOUS.some((re) => re.test(source))) {
          found = { source, offset: node.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found) {
      throw new FleetError(
        "BAD_YAML",
        `plain scalar ${found.source} reads differently in YAML 1.1 (kubectl) and 1.2`,
        {
          file,
          line: lineCounter.linePos(found.offset).line,
          hint: `quote it ("${found.source}") or write the value you mean (true/false, a decimal number)`,
        },
      );
    }
  }
}
