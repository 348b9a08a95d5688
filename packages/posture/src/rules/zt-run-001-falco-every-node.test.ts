import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

const ds = (tolerations: unknown[]) =>
  object("apps/v1", "DaemonSet", "falco", "falco", {
    template: {
      spec: {
        tolerations,
        containers: [{ name: "falco", image: "x" }],
        volumes: [{ name: "rules", configMap: { name: "falco-rules" } }],
      },
    },
  });
const cm = object("v1", "ConfigMap", "falco", "falco-rules", undefined);

describe("ZT-RUN-001 Falco on every node", () => {
  it("passes a DaemonSet tolerating everything with its rules ConfigMap", () => {
    expect(run("ZT-RUN-001", [ds([{ operator: "Exists" }]), cm])).toEqual([]);
  });

  it("fails key-scoped tolerations and a missing ConfigMap; warns when Falco is absent", () => {
    expect(failing(run("ZT-RUN-001", [ds([{ key: "gpu", operator: "Exists" }])]))).toEqual([
      'DaemonSet "falco" (falco): does not tolerate every taint; add `tolerations: [{operator: Exists}]` so it runs on every node',
      'DaemonSet "falco" (falco): mounts no rendered rules ConfigMap; mount the fleet rules under /etc/falco/rules.d',
    ]);
    expect(run("ZT-RUN-001", []).map((f) => f.severity)).toEqual(["warning"]);
  });
});
