/**
 * `npm run bench`: every benchmark of the product, one after the other, in one run so that ratios
 * against `kubectl kustomize` are measured under the same load. Pass names to run a subset:
 * `npm run bench -- kustomize posture`.
 */
const benches: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  bot: () => import("./bench/bot.ts"),
  drift: () => import("./bench/drift.ts"),
  posture: () => import("./bench/posture.ts"),
  kustomize: () => import("./bench/kustomize.ts"),
  "kustomize-patches": () => import("./bench/kustomize-patches.ts"),
  render: () => import("./bench/render.ts"),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const flags = process.argv.slice(2).filter((a) => a.startsWith("-"));
for (const [name, load] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  await (await load()).run(flags);
}
