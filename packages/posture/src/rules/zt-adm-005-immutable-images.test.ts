import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

const withImage = (image: string) =>
  deployment("web", "api", goodPodSpec({ containers: [goodContainer({ image })] }));

describe("ZT-ADM-005 immutable images", () => {
  it("fails no tag (a registry port is not a tag) and :latest", () => {
    expect(
      failing(run("ZT-ADM-005", [withImage("registry.corp.example:5000/web/api")]))[0],
    ).toMatch(/has no tag/);
    expect(
      failing(run("ZT-ADM-005", [withImage("registry.corp.example/web/api:latest")]))[0],
    ).toMatch(/uses :latest/);
  });

  it("passes version tags and digests", () => {
    expect(run("ZT-ADM-005", [withImage("registry.corp.example/web/api:1.2.3")])).toEqual([]);
    expect(
      run("ZT-ADM-005", [withImage(`registry.corp.example/web/api@sha256:${"a".repeat(64)}`)]),
    ).toEqual([]);
  });
});
