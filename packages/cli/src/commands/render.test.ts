import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIo } from "../io.ts";
import { run } from "../run.ts";

const K = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";
const repo = mkdtempSync(join(tmpdir(), "cli-render-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(join(repo, rel, ".."), { recursive: true });
  writeFileSync(join(repo, rel), text);
}

write("baselines/network/namespace/kustomization.yaml", `${K}resources: [deny.yaml]\n`);
write(
  "baselines/network/namespace/deny.yaml",
  "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n",
);
write(
  "clusters/one/cluster.yaml",
  "apiVersion: fleet-baseline.io/v1alpha1\nkind: Cluster\nmetadata: {name: one}\nspec:\n  namespaces: [{name: web}]\n",
);

async function render(...argv: string[]) {
  const io = memoryIo({ cwd: repo });
  return { code: await run(["render", ...argv], io), out: io.out, err: io.err };
}

describe("render command", () => {
  it("writes rendered/<cluster>/ and reports the object count", async () => {
    const result = await render();
    expect(result.code).toBe(0);
    expect(result.out).toBe("one: 2 objects -> rendered/one/\n");
    const index = JSON.parse(readFileSync(join(repo, "rendered/one/index.json"), "utf8"));
    expect(index.objects.map((o: { path: string }) => o.path)).toEqual([
      "_cluster/namespace_web.yaml",
      "web/networkpolicy.networking.k8s.io_default-deny.yaml",
    ]);
    expect(await render("--check")).toMatchObject({ code: 0 });
  });

  it("rejects --check with --stdout, and unknown flags, as usage errors", async () => {
    const both = await render("--check", "--stdout");
    expect(both.code).toBe(2);
    expect(both.err).toContain("--check cannot be combined");
    const unknown = await render("--nope");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("usage: fleet-baseline render");
  });

  it("refuses to overwrite a folder it did not emit", async () => {
    write("elsewhere/notes.txt", "mine\n");
    const result = await render("--emit-kustomize", join(repo, "elsewhere"));
    expect(result.code).toBe(2);
    expect(readFileSync(join(repo, "elsewhere/notes.txt"), "utf8")).toBe("mine\n");
    expect((await render("--emit-kustomize", join(repo, "tree"))).code).toBe(0);
    expect(readFileSync(join(repo, "tree/namespaces/web/kustomization.yaml"), "utf8")).toContain(
      "namespace: web",
    );
    // a second emit replaces its own earlier output
    expect((await render("--emit-kustomize", join(repo, "tree"))).code).toBe(0);
  });
});
