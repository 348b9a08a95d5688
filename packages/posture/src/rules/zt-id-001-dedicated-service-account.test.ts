import { describe, expect, it } from "vitest";
import { deployment, failing, goodPodSpec, object, run } from "../_test-utils.ts";

const sa = (name: string) => object("v1", "ServiceAccount", "web", name, undefined);

describe("ZT-ID-001 dedicated ServiceAccount", () => {
  it("flags an omitted serviceAccountName (= default), an unrendered SA and a shared SA", () => {
    const { serviceAccountName: _, ...noSa } = goodPodSpec();
    const objs = [
      deployment("web", "a", noSa),
      deployment("web", "b", goodPodSpec({ serviceAccountName: "ghost" })),
      deployment("web", "c", goodPodSpec({ serviceAccountName: "shared" })),
      deployment("web", "d", goodPodSpec({ serviceAccountName: "shared" })),
      sa("shared"),
    ];
    expect(failing(run("ZT-ID-001", objs))).toEqual([
      'Deployment "a" (web): runs as the default ServiceAccount (serviceAccountName omitted or default); give it its own',
      'Deployment "b" (web): uses ServiceAccount "ghost", which is not rendered',
      'Deployment "c" (web): shares ServiceAccount web/shared with Deployment "d" (web); give each workload its own',
      'Deployment "d" (web): shares ServiceAccount web/shared with Deployment "c" (web); give each workload its own',
    ]);
  });

  it("passes one rendered SA per workload", () => {
    expect(run("ZT-ID-001", [deployment("web", "api"), sa("api")])).toEqual([]);
  });
});
