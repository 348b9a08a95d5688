import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-005 no host namespaces or ports", () => {
  it("flags host namespaces and hostPort", () => {
    const d = deployment(
      "web",
      "api",
      goodPodSpec({
        hostPID: true,
        containers: [goodContainer({ ports: [{ containerPort: 80, hostPort: 80 }] })],
      }),
    );
    expect(failing(run("ZT-PSS-005", [d]))).toEqual([
      'Deployment "api" (web): container "app" sets hostPort 80; remove it',
      'Deployment "api" (web): sets hostPID: true; remove it',
    ]);
  });

  it("passes explicit false and hostPort 0", () => {
    const d = deployment(
      "web",
      "api",
      goodPodSpec({
        hostNetwork: false,
        containers: [goodContainer({ ports: [{ containerPort: 80, hostPort: 0 }] })],
      }),
    );
    expect(run("ZT-PSS-005", [d])).toEqual([]);
  });
});
