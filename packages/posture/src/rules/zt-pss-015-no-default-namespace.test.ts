import { describe, expect, it } from "vitest";
import { failing, object, run } from "../_test-utils.ts";

describe("ZT-PSS-015 no workloads in default", () => {
  it("flags objects in default, unbound namespaced objects and unowned kube-system objects", () => {
    const inDefault = object("v1", "ConfigMap", "default", "c", undefined);
    const unbound = object("apps/v1", "Deployment", undefined, "d", {});
    const ks = object("v1", "ConfigMap", "kube-system", "k", undefined);
    expect(failing(run("ZT-PSS-015", [inDefault, unbound, ks]))).toEqual([
      'Deployment "d": is unbound: a namespaced object with no namespace lands wherever the applier points; set metadata.namespace',
      'ConfigMap "c" (default): lives in the default namespace; move it to a tenant namespace',
      'ConfigMap "k" (kube-system): lives in kube-system but is not platform-owned (label fleet-baseline.io/owner: platform)',
    ]);
  });

  it("passes cluster-scoped kinds, unknown CRDs and platform-owned kube-system objects", () => {
    const objs = [
      object("rbac.authorization.k8s.io/v1", "ClusterRole", undefined, "r", undefined),
      object("example.com/v1", "Widget", undefined, "w", {}),
      object("v1", "ConfigMap", "kube-system", "k", undefined, {
        labels: { "fleet-baseline.io/owner": "platform" },
      }),
    ];
    expect(run("ZT-PSS-015", objs)).toEqual([]);
  });
});
