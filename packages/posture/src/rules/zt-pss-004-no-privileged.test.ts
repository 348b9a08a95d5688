import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, object, run } from "../_test-utils.ts";

describe("ZT-PSS-004 no privileged containers", () => {
  it("finds privileged init and ephemeral containers, and in CronJob templates", () => {
    const priv = goodContainer({ name: "setup", securityContext: { privileged: true } });
    const d = deployment("web", "api", goodPodSpec({ initContainers: [priv] }));
    const cron = object("batch/v1", "CronJob", "web", "nightly", {
      schedule: "@daily",
      jobTemplate: {
        spec: {
          template: { spec: goodPodSpec({ ephemeralContainers: [{ ...priv, name: "dbg" }] }) },
        },
      },
    });
    expect(failing(run("ZT-PSS-004", [d, cron]))).toEqual([
      'CronJob "nightly" (web): ephemeral container "dbg" is privileged; remove securityContext.privileged',
      'Deployment "api" (web): init container "setup" is privileged; remove securityContext.privileged',
    ]);
  });

  it("passes unprivileged workloads and ignores system namespaces", () => {
    const sys = deployment(
      "falco",
      "falco",
      goodPodSpec({ containers: [goodContainer({ securityContext: { privileged: true } })] }),
    );
    expect(run("ZT-PSS-004", [deployment("web", "api"), sys])).toEqual([]);
  });
});
