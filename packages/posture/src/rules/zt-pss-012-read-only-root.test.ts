import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-012 read-only root filesystem", () => {
  it("fails a container without it, passes one with it", () => {
    const spec = goodPodSpec({
      containers: [
        goodContainer(),
        goodContainer({ name: "rw", securityContext: { allowPrivilegeEscalation: false } }),
      ],
    });
    expect(failing(run("ZT-PSS-012", [deployment("web", "api", spec)]))).toEqual([
      'Deployment "api" (web): container "rw" must set readOnlyRootFilesystem: true',
    ]);
  });

  it("passes read-only root filesystems in every container list", () => {
    const spec = goodPodSpec({ initContainers: [goodContainer({ name: "init" })] });
    expect(run("ZT-PSS-012", [deployment("web", "api", spec)])).toEqual([]);
  });
});
