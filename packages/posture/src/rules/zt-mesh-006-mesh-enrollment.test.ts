import { describe, expect, it } from "vitest";
import { deployment, failing, goodPodSpec, namespace, run } from "../_test-utils.ts";

describe("ZT-MESH-006 mesh enrollment", () => {
  it("fails an unenrolled namespace and a pod opting out", () => {
    const d = deployment("web", "api", goodPodSpec(), {
      podAnnotations: { "sidecar.istio.io/inject": "false" },
    });
    expect(failing(run("ZT-MESH-006", [namespace("web"), d]))).toEqual([
      'Namespace "web": is not enrolled in the mesh; label it istio-injection: enabled (or istio.io/rev, istio.io/dataplane-mode: ambient) or annotate linkerd.io/inject: enabled',
      'Deployment "api" (web): pod template opts out of the mesh (sidecar.istio.io/inject: "false"); remove it',
    ]);
  });

  it("accepts Istio revision labels, ambient and Linkerd annotations", () => {
    expect(
      run("ZT-MESH-006", [
        namespace("a", { "istio.io/rev": "1-23" }),
        namespace("b", { "istio.io/dataplane-mode": "ambient" }),
        namespace("c", {}, { "linkerd.io/inject": "enabled" }),
      ]),
    ).toEqual([]);
  });
});
