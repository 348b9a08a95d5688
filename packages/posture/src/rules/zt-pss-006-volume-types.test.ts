import { describe, expect, it } from "vitest";
import { deployment, failing, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-006 volume types", () => {
  it("flags hostPath and other non-restricted types", () => {
    const d = deployment(
      "web",
      "api",
      goodPodSpec({
        volumes: [
          { name: "h", hostPath: { path: "/" } },
          { name: "n", nfs: { server: "x" } },
        ],
      }),
    );
    expect(failing(run("ZT-PSS-006", [d]))).toEqual([
      'Deployment "api" (web): volume "h" mounts a hostPath; use emptyDir or a PersistentVolumeClaim',
      'Deployment "api" (web): volume "n" has type nfs, not allowed by PSS restricted',
    ]);
  });

  it("passes restricted types", () => {
    const d = deployment(
      "web",
      "api",
      goodPodSpec({
        volumes: [
          { name: "t", emptyDir: {} },
          { name: "c", configMap: { name: "c" } },
          { name: "p", projected: { sources: [] } },
        ],
      }),
    );
    expect(run("ZT-PSS-006", [d])).toEqual([]);
  });
});
