import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-014 secrets as files", () => {
  it("flags secretKeyRef and envFrom secretRef, not configMap env", () => {
    const c = goodContainer({
      env: [
        { name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "pw" } } },
        { name: "X", valueFrom: { configMapKeyRef: { name: "c", key: "x" } } },
      ],
      envFrom: [{ secretRef: { name: "all" } }, { configMapRef: { name: "c" } }],
    });
    expect(
      failing(run("ZT-PSS-014", [deployment("web", "api", goodPodSpec({ containers: [c] }))])),
    ).toEqual([
      'Deployment "api" (web): container "app" loads Secret "all" with envFrom; mount it as a file',
      'Deployment "api" (web): container "app" reads a Secret into env PW; mount it as a file',
    ]);
    expect(run("ZT-PSS-014", [deployment("web", "api")])).toEqual([]);
  });
});
