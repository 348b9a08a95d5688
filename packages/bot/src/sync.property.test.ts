import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createGitHubHost } from "./github-host.ts";
import { createOctokit } from "./octokit.ts";
import { syncCluster } from "./sync.ts";
import { GitHubEmulator } from "./testing/emulator.ts";

const REPO = "acme/fleet";
const BRANCH = "fleet-baseline/prod";

beforeAll(() => new GitHubEmulator().warm(), 120_000);

const doc = (name: string, value: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: app\ndata:\n  v: "${value}"\n`;

/** A desired state: which of four objects exist, and their values. */
const desired = fc
  .array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), {
    minLength: 4,
    maxLength: 4,
  })
  .map((values) => {
    const files = new Map<string, string>();
    values.forEach((v, i) => {
      if (v !== undefined) files.set(`app/configmap_c${i}.yaml`, doc(`c${i}`, v));
    });
    return files;
  });

type Step =
  | { kind: "run"; files: Map<string, string> }
  | { kind: "base-elsewhere" }
  | { kind: "base-at-path"; value: number }
  | { kind: "human-on-branch" }
  | { kind: "merge" };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: desired.map((files) => ({ kind: "run" as const, files })) },
  { weight: 1, arbitrary: fc.constant({ kind: "base-elsewhere" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 2 })
      .map((value) => ({ kind: "base-at-path" as const, value })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "human-on-branch" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "merge" as const }) },
);

describe("syncCluster over random histories", () => {
  it("keeps at most one open PR, never loses a person's commit, and is idempotent", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const emu = new GitHubEmulator();
        emu.seedRepo("acme", "fleet", { "README.md": "hi\n" });
        const host = createGitHubHost(
          createOctokit({
            auth: { kind: "token", token: "ghs_prop" },
            fetch: emu.fetch,
            throttle: { enabled: false },
          }),
        );
        const humanCommits: string[] = [];
        for (const s of steps) {
          if (s.kind === "run") {
            const target = {
              cluster: "prod",
              repository: { owner: "acme", name: "fleet", branch: "main", path: "" },
              files: s.files,
            };
            const first = await syncCluster(host, target);
            // Whatever happened, an immediate second run writes nothing.
            const writes = emu.writes().length;
            const second = await syncCluster(host, target);
            expect(emu.writes().length, `${first.action} then ${second.action}`).toBe(writes);
            expect(["unchanged", "blocked", "snoozed"]).toContain(second.action);
            // When the bot owns an open PR, its branch holds exactly the desired manifests.
            const open = emu.pulls(REPO).filter((p) => p.state === "open");
            if (open.length === 1 && first.action !== "blocked" && second.action !== "blocked") {
              const files = emu.files(REPO, BRANCH);
              for (const [p, c] of s.files) expect(files[p]).toBe(c);
              for (const p of Object.keys(files))
                if (p.endsWith(".yaml")) expect(s.files.has(p)).toBe(true);
            }
          } else if (s.kind === "base-elsewhere") {
            emu.pushCommit(REPO, "main", { [`docs/${emu.calls.length}.md`]: "x\n" });
          } else if (s.kind === "base-at-path") {
            emu.pushCommit(REPO, "main", { "app/configmap_c0.yaml": doc("c0", s.value) });
          } else if (s.kind === "human-on-branch") {
            if (emu.head(REPO, BRANCH))
              humanCommits.push(
                emu.pushCommit(REPO, BRANCH, { "notes.txt": `${humanCommits.length}\n` }),
              );
          } else {
            const pull = emu.pulls(REPO).find((p) => p.state === "open");
            if (pull) emu.mergePull(REPO, pull.number);
          }
          expect(emu.pulls(REPO).filter((p) => p.state === "open").length).toBeLessThanOrEqual(1);
          // A person's commit stays at the tip of the bot's branch (or the branch was merged/deleted with it).
          const tip = emu.head(REPO, BRANCH);
          const lastHuman = humanCommits[humanCommits.length - 1];
          if (tip && lastHuman && emu.pulls(REPO).some((p) => p.state === "open"))
            expect(tip).toBe(lastHuman);
        }
        expect(emu.violations).toEqual([]);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
