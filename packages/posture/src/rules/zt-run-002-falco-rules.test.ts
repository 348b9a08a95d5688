import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const cm = (rules: string) => ({
  ...object("v1", "ConfigMap", "falco", "falco-rules", undefined),
  data: { "fleet-rules.yaml": rules },
});

describe("ZT-RUN-002 Falco rules", () => {
  it("passes complete enabled rules with k8s fields in the output", () => {
    const rules = `- rule: Shell in container
  desc: shell spawned
  condition: spawned_process and container and proc.name = bash
  output: shell (ns=%k8s.ns.name pod=%k8s.pod.name)
  priority: WARNING
`;
    expect(run("ZT-RUN-002", [cm(rules)])).toEqual([]);
  });

  it("fails disabled rules, low priority, missing keys and missing k8s fields", () => {
    const rules = `- rule: Read sensitive file
  desc: x
  condition: open_read
  output: read %fd.name
  priority: NOTICE
  enabled: false
- rule: Contact K8S API
  condition: x
`;
    expect(failing(run("ZT-RUN-002", [cm(rules)]))).toEqual([
      'ConfigMap "falco-rules" (falco): fleet-rules.yaml: rule "Contact K8S API" lacks desc, output, priority',
      'ConfigMap "falco-rules" (falco): fleet-rules.yaml: rule "Read sensitive file" has priority NOTICE, below WARNING',
      'ConfigMap "falco-rules" (falco): fleet-rules.yaml: rule "Read sensitive file" is disabled; add an owned exception instead',
      'ConfigMap "falco-rules" (falco): fleet-rules.yaml: rule "Read sensitive file" output lacks k8s.ns.name and k8s.pod.name',
    ]);
  });
});
