/**
 * Test helper: builds a one-resource kustomization with the real `kubectl kustomize` (Kustomize
 * v5.5.0) so codec tests compare against the oracle byte for byte. Used by tests only.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface KubectlResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs `kubectl kustomize` on a directory holding `r.yaml` (the given text) as its one resource. */
export function kubectlBuild(resourceYaml: string): KubectlResult {
  const dir = mkdtempSync(join(tmpdir(), "kts-codec-"));
  try {
    writeFileSync(join(dir, "kustomization.yaml"), "resources:\n- r.yaml\n");
    writeFileSync(join(dir, "r.yaml"), resourceYaml);
    try {
      const stdout = execFileSync("kubectl", ["kustomize", dir], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      return { ok: true, stdout, stderr: "" };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A custom resource whose `spec` is the given YAML block (already indented by two spaces). */
export function customResource(specBody: string): string {
  return `apiVersion: example.com/v1\nkind: Probe\nmetadata:\n  name: probe\nspec:\n${specBody}`;
}

/** What kubectl prints for `r.yaml`, or `ERROR` when the build fails. */
export function kubectlOutput(resourceYaml: string): string {
  const r = kubectlBuild(resourceYaml);
  return r.ok ? r.stdout : "ERROR";
}
