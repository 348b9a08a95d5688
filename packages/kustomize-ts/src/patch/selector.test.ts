import { describe, expect, it } from "vitest";
import { compileSelector, parseLabelSelector, type SelectableResource } from "./selector.ts";

const res = (over: Partial<SelectableResource> = {}): SelectableResource => ({
  group: "apps",
  version: "v1",
  kind: "Deployment",
  name: "prod-web",
  namespace: "prod",
  originalName: "web",
  originalNamespace: "default",
  labels: { app: "web", tier: "front" },
  annotations: { team: "a" },
  ...over,
});

describe("compileSelector", () => {
  it("anchors regexes and matches original or current name and namespace", () => {
    expect(compileSelector({ name: "web" }).matches(res())).toBe(true);
    expect(compileSelector({ name: "prod-web" }).matches(res())).toBe(true);
    expect(compileSelector({ name: "we" }).matches(res())).toBe(false);
    expect(compileSelector({ name: "w.*|x" }).matches(res())).toBe(true);
    expect(compileSelector({ kind: "Deploy" }).matches(res())).toBe(false);
    expect(compileSelector({ namespace: "default" }).matches(res())).toBe(true);
    expect(compileSelector({ group: "", kind: "Deployment|StatefulSet" }).matches(res())).toBe(
      true,
    );
  });

  it("applies label and annotation selectors", () => {
    expect(compileSelector({ labelSelector: "app=web,tier!=back" }).matches(res())).toBe(true);
    expect(compileSelector({ labelSelector: "app in (api, db)" }).matches(res())).toBe(false);
    expect(compileSelector({ annotationSelector: "team" }).matches(res())).toBe(true);
    expect(compileSelector({ annotationSelector: "!team" }).matches(res())).toBe(false);
  });
});

describe("parseLabelSelector", () => {
  it("implements Kubernetes selector operators", () => {
    const set = { a: "1", b: "x" };
    expect(parseLabelSelector("")(set)).toBe(true);
    expect(parseLabelSelector("a==1")(set)).toBe(true);
    expect(parseLabelSelector("c!=1")(set)).toBe(true);
    expect(parseLabelSelector("b notin (x)")(set)).toBe(false);
    expect(parseLabelSelector("a>0,a<2")(set)).toBe(true);
    expect(() => parseLabelSelector("a in x")).toThrow();
  });
});
