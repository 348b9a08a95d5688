import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

const withImage = (image: string) =>
  deployment(
    "web",
    "api",
    goodPodSpec({ initContainers: [goodContainer({ name: "init", image })] }),
  );

describe("ZT-ADM-004 approved registries", () => {
  it("matches prefixes on a / boundary: registry.corp.example.evil.io cannot pass", () => {
    expect(
      failing(run("ZT-ADM-004", [withImage("registry.corp.example.evil.io/web/api:1.0")])),
    ).toEqual([
      'Deployment "api" (web): init container "init" image "registry.corp.example.evil.io/web/api:1.0" is not from an approved registry (registry.corp.example/, ghcr.io/corp-example/)',
    ]);
  });

  it("treats short names as docker.io and passes approved prefixes", () => {
    expect(failing(run("ZT-ADM-004", [withImage("nginx:1.27")]))).toHaveLength(1);
    expect(failing(run("ZT-ADM-004", [withImage("ghcr.io/corp-example-evil/x:1")]))).toHaveLength(
      1,
    );
    expect(run("ZT-ADM-004", [withImage("ghcr.io/corp-example/tools/init:2.0")])).toEqual([]);
  });
});
