import type { KubeObject } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import { type ClusterReader, OWNED_SELECTOR, readLiveObjects } from "./reader.ts";

const owned = { "app.kubernetes.io/managed-by": "fleet-baseline" };

/** An in-memory cluster that records every call. */
function fakeCluster(
  objects: KubeObject[],
  served: Record<string, { name: string; namespaced: boolean }>,
) {
  const calls: string[] = [];
  const reader: ClusterReader = {
    async resource(apiVersion, kind) {
      calls.push(`resource ${apiVersion} ${kind}`);
      return served[`${apiVersion}/${kind}`];
    },
    async list(apiVersion, kind, selector) {
      calls.push(`list ${kind} ${selector}`);
      const [key, value] = selector.split("=");
      return objects.filter(
        (o) =>
          o.apiVersion === apiVersion &&
          o.kind === kind &&
          o.metadata.labels?.[key ?? ""] === value,
      );
    },
    async get(apiVersion, kind, namespace, name) {
      calls.push(`get ${kind} ${namespace}/${name}`);
      return objects.find(
        (o) =>
          o.apiVersion === apiVersion &&
          o.kind === kind &&
          o.metadata.name === name &&
          (o.metadata.namespace ?? "") === namespace,
      );
    },
  };
  return { reader, calls };
}

describe("readLiveObjects", () => {
  const cm = (
    name: string,
    labels?: Record<string, string>,
    namespace = "default",
  ): KubeObject => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
  });

  it("lists each kind once with the ownership selector and GETs only what the list missed", async () => {
    const { reader, calls } = fakeCluster([cm("a", owned), cm("b"), cm("stray", owned)], {
      "v1/ConfigMap": { name: "configmaps", namespaced: true },
    });
    const desired = [
      cm("a", owned),
      { ...cm("b", owned), metadata: { name: "b", labels: owned } },
      cm("c", owned),
    ];
    const live = await readLiveObjects(reader, desired, {
      watchKinds: ["rbac.authorization.k8s.io/v1/Role"],
      concurrency: 1,
    });
    expect(calls).toEqual([
      "resource v1 ConfigMap",
      `list ConfigMap ${OWNED_SELECTOR}`,
      "resource rbac.authorization.k8s.io/v1 Role",
      "get ConfigMap default/b",
      "get ConfigMap default/c",
    ]);
    expect(live.objects.map((o) => o.metadata.name).sort()).toEqual(["a", "b", "stray"]);
    // A watched kind that is not served is skipped silently; a desired one is reported.
    expect(live.unserved).toEqual([]);
  });

  it("reports a desired kind the cluster does not serve and reads nothing of it", async () => {
    const { reader, calls } = fakeCluster([], {});
    const desired: KubeObject = {
      apiVersion: "cilium.io/v2",
      kind: "CiliumNetworkPolicy",
      metadata: { name: "x", namespace: "n", labels: owned },
    };
    const live = await readLiveObjects(reader, [desired], { watchKinds: [] });
    expect(live.unserved).toEqual([{ apiVersion: "cilium.io/v2", kind: "CiliumNetworkPolicy" }]);
    expect(calls).toEqual(["resource cilium.io/v2 CiliumNetworkPolicy"]);
  });
});
