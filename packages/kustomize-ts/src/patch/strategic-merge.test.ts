import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ValueMap } from "../value.ts";
import { parseMergeSchema } from "./schema.ts";
import { strategicMerge } from "./strategic-merge.ts";

const y = (s: string) => parse(s) as ValueMap;
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

const deployment = y(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, finalizers: [x, y]}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        args: [a, b]
        ports: [{containerPort: 80, protocol: TCP}, {containerPort: 81}]
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
      - {name: side, image: busybox}
      volumes: [{name: v1, emptyDir: {}}, {name: v2, configMap: {name: cm}}]
`);

describe("strategicMerge (results checked against kubectl kustomize v5.5.0)", () => {
  it("merges keyed lists with patch items first and replaces other lists", () => {
    const out = strategicMerge(
      deployment,
      y(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, finalizers: [z, x]}
spec:
  template:
    spec:
      containers:
      - name: app
        args: [c]
        env: [{name: A, $patch: delete}, {name: C, value: "3"}]
      - {name: new, image: redis}
`),
    );
    const spec = plain(out).spec.template.spec;
    expect(spec.containers.map((c: { name: string }) => c.name)).toEqual(["app", "new", "side"]);
    expect(spec.containers[0].args).toEqual(["c"]);
    expect(spec.containers[0].env).toEqual([
      { name: "C", value: "3" },
      { name: "B", value: "2" },
    ]);
    expect(plain(out).metadata.finalizers).toEqual(["z", "x", "y"]);
  });

  it("matches multi-key lists only on every key present, as kyaml does", () => {
    const out = strategicMerge(
      deployment,
      y(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{name: app, ports: [{containerPort: 80, name: http}]}]}}}
`),
    );
    expect(plain(out).spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 80, protocol: "TCP" },
      { containerPort: 81 },
    ]);
  });

  it("keeps apimachinery-only directives as fields and ignores $patch: replace on elements", () => {
    const out = strategicMerge(
      deployment,
      y(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: side}, {name: app}]
      volumes: [{name: v2, $patch: replace, secret: {secretName: s}}]
`),
    );
    const spec = plain(out).spec.template.spec;
    expect(spec["$setElementOrder/containers"]).toEqual([{ name: "side" }, { name: "app" }]);
    expect(spec.volumes).toEqual([
      { name: "v2", configMap: { name: "cm" } },
      { name: "v1", emptyDir: {} },
    ]);
  });

  it("deletes keys set to null, keeps emptied maps, replaces maps on $patch: replace", () => {
    const out = strategicMerge(
      y(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {a: '1'}}\ndata: {x: '1', y: '2'}",
      ),
      y(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {a: null}}\ndata: {$patch: replace, z: '3'}",
      ),
    );
    expect(plain(out)).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: {} },
      data: { z: "3" },
    });
  });

  it("deletes the whole object on a top-level $patch: delete", () => {
    expect(
      strategicMerge(
        deployment,
        y("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n$patch: delete"),
      ),
    ).toBeUndefined();
  });

  it("replaces every list of a kind the schema does not know, unless a custom schema keys it", () => {
    const thing = y(
      "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec: {items: [{name: a}, {name: b, v: 1}]}",
    );
    const patch = y(
      "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t}\nspec: {items: [{name: b, v: 2}]}",
    );
    expect(plain(strategicMerge(thing, patch)).spec.items).toEqual([{ name: "b", v: 2 }]);
    const schema = parseMergeSchema(
      y(`
definitions:
  thing:
    x-kubernetes-group-version-kind: [{group: example.com, version: v1, kind: Thing}]
    properties: {spec: {$ref: "#/definitions/spec"}}
  spec:
    properties:
      items: {type: array, x-kubernetes-patch-strategy: merge, x-kubernetes-patch-merge-key: name, items: {type: object}}
`),
    );
    expect(plain(strategicMerge(thing, patch, schema)).spec.items).toEqual([
      { name: "b", v: 2 },
      { name: "a" },
    ]);
  });
});
