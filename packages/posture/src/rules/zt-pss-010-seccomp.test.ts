import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-010 seccomp", () => {
  it("fails a container Unconfined over a RuntimeDefault pod, and unset everywhere", () => {
    const un = goodContainer({
      name: "un",
      securityContext: { seccompProfile: { type: "Unconfined" } },
    });
    const d = deployment("web", "api", goodPodSpec({ containers: [goodContainer(), un] }));
    const none = deployment("web", "b", goodPodSpec({ securityContext: { runAsNonRoot: true } }));
    expect(failing(run("ZT-PSS-010", [d, none]))).toEqual([
      'Deployment "api" (web): container "un" has effective seccompProfile Unconfined; use RuntimeDefault or Localhost',
      'Deployment "b" (web): container "app" has effective seccompProfile unset; use RuntimeDefault or Localhost',
    ]);
  });

  it("passes a container-level Localhost under an unset pod", () => {
    const c = goodContainer({
      securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "p.json" } },
    });
    expect(
      run("ZT-PSS-010", [
        deployment("web", "api", goodPodSpec({ securityContext: {}, containers: [c] })),
      ]),
    ).toEqual([]);
  });
});
