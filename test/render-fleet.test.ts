import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { KubeObject } from "@fleet-baseline/model";
import { type RenderedCluster, renderedFiles, renderFleet } from "@fleet-baseline/render";
import { readFiles } from "@fleet-baseline/render/node";
import { nodeFs } from "kustomize-ts/node";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const now = new Date("2026-11-22T12:00:00Z");
const fleet = renderFleet(nodeFs, { root, now });
const work = mkdtempSync(join(tmpdir(), "render-fleet-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
}

const isDefaultDeny = (o: KubeObject, ns: string): boolean => {
  const spec = o.spec as {
    podSelector?: object;
    policyTypes?: string[];
    ingress?: unknown[];
    egress?: unknown[];
  };
  return (
    o.kind === "NetworkPolicy" &&
    o.metadata.namespace === ns &&
    JSON.stringify(spec.podSelector) === "{}" &&
    (spec.policyTypes ?? []).includes("Ingress") &&
    (spec.policyTypes ?? []).includes("Egress") &&
    !spec.ingress?.length &&
    !spec.egress?.length
  );
};

describe("the example fleet", { timeout: 120_000 }, () => {
  it("has at least four clusters showing the variety the issue asks for", () => {
    const configs = fleet.clusters.map((c) => c.cluster.config);
    expect(configs.length).toBeGreaterThanOrEqual(4);
    expect(configs).toContainEqual(
      expect.objectContaining({
        mesh: "istio",
        cni: "calico",
        admission: "kyverno",
        stage: "enforce",
      }),
    );
    expect(configs).toContainEqual(
      expect.objectContaining({ mesh: "linkerd", cni: "cilium", admission: "gatekeeper" }),
    );
    expect(configs.some((c) => c.stage === "observe")).toBe(true);
  });

  it("renders deterministically: a second render gives the same bytes", () => {
    const again = renderFleet(nodeFs, { root, now });
    expect(again.clusters.map((c) => c.yaml)).toEqual(fleet.clusters.map((c) => c.yaml));
    expect(again.clusters.map((c) => renderedFiles(c))).toEqual(
      fleet.clusters.map((c) => renderedFiles(c)),
    );
  });

  it("matches the committed rendered/ (run npm run render after changing inputs)", () => {
    for (const cluster of fleet.clusters) {
      expect(readFiles(join(root, "rendered", cluster.name)), cluster.name).toEqual(
        renderedFiles(cluster),
      );
    }
  });

  describe.each(fleet.clusters.map((c) => [c.name, c] as [string, RenderedCluster]))(
    "%s",
    (name, cluster) => {
      it("emits a kustomize tree that kubectl kustomize builds to exactly the --stdout stream", () => {
        const dir = join(work, name);
        writeTree(dir, cluster.tree);
        const kubectl = execFileSync("kubectl", ["kustomize", dir], {
          encoding: "utf8",
          maxBuffer: 1 << 26,
        });
        expect(kubectl).toBe(cluster.yaml);
        expect(cluster.objects.map((o) => o.yaml).join("---\n")).toBe(cluster.yaml);
      });

      it("puts every tenant namespace in default-deny for ingress and egress", () => {
        const tenants = cluster.cluster.config.namespaces.map((n) => n.name);
        for (const ns of tenants) {
          expect(
            cluster.objects.some((o) => isDefaultDeny(o.object, ns)),
            `${name}/${ns}`,
          ).toBe(true);
          expect(
            cluster.objects.some(
              (o) => o.object.kind === "Namespace" && o.object.metadata.name === ns,
            ),
          ).toBe(true);
        }
      });

      it("labels every object managed-by fleet-baseline and tags the controls it implements", () => {
        for (const { object } of cluster.objects) {
          const what = `${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
          expect(object.metadata.labels?.["app.kubernetes.io/managed-by"], what).toBe(
            "fleet-baseline",
          );
          expect(object.metadata.annotations?.["fleet-baseline.io/controls"], what).toMatch(
            /^ZT-[A-Z]+-\d{3}(,ZT-[A-Z]+-\d{3})*$/,
          );
        }
      });

      it("knows the source file and line of every object", () => {
        expect(cluster.index.objects).toHaveLength(cluster.objects.length);
        for (const entry of cluster.index.objects) {
          const { file, line } = entry.source ?? { file: "" };
          expect(file, entry.name).toMatch(/^(baselines|overlays|clusters)\//);
          const lines = readFileSync(join(root, file), "utf8").split("\n");
          expect(line, `${file} for ${entry.kind} ${entry.name}`).toBeGreaterThan(0);
          const at = lines.slice((line ?? 1) - 1, (line ?? 1) + 2).join("\n");
          if (entry.kind === "Namespace")
            expect(at).toMatch(new RegExp(`- name: ${entry.name}\\b`));
          else
            expect(at).toMatch(new RegExp(`^apiVersion: [^\\n]+\\nkind: (${entry.kind}|\\$\\{)`));
        }
      });
    },
  );
});
