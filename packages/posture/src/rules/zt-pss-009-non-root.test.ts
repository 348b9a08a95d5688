import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-009 non-root", () => {
  it("inherits pod-level runAsNonRoot: true", () => {
    expect(run("ZT-PSS-009", [deployment("web", "api")])).toEqual([]);
  });

  it("fails a container overriding the pod's true with false, and pod runAsUser 0 inherited", () => {
    const c = goodContainer({ securityContext: { runAsNonRoot: false } });
    const spec = goodPodSpec({
      securityContext: { runAsNonRoot: true, runAsUser: 0 },
      containers: [c, goodContainer({ name: "side" })],
    });
    expect(failing(run("ZT-PSS-009", [deployment("web", "api", spec)]))).toEqual([
      'Deployment "api" (web): container "app" has effective runAsNonRoot false; set runAsNonRoot: true (pod level is inherited)',
      'Deployment "api" (web): container "app" has effective runAsUser 0 (root); use a non-zero UID',
      'Deployment "api" (web): container "side" has effective runAsUser 0 (root); use a non-zero UID',
    ]);
  });

  it("passes containers that set true themselves when the pod sets false (other direction)", () => {
    const spec = goodPodSpec({
      securityContext: { runAsNonRoot: false, runAsUser: 0 },
      containers: [goodContainer({ securityContext: { runAsNonRoot: true, runAsUser: 1000 } })],
    });
    expect(run("ZT-PSS-009", [deployment("web", "api", spec)])).toEqual([]);
  });
});
