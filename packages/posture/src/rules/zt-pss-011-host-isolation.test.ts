import { describe, expect, it } from "vitest";
import { deployment, failing, goodContainer, goodPodSpec, run } from "../_test-utils.ts";

describe("ZT-PSS-011 host-isolation fields", () => {
  it("flags unsafe sysctls, Unmasked procMount, AppArmor Unconfined, SELinux role and hostProcess", () => {
    const c = goodContainer({
      securityContext: {
        procMount: "Unmasked",
        seLinuxOptions: { role: "sysadm_r" },
        windowsOptions: { hostProcess: true },
      },
    });
    const spec = goodPodSpec({
      securityContext: {
        sysctls: [
          { name: "kernel.msgmax", value: "1" },
          { name: "net.ipv4.tcp_keepalive_time", value: "60" },
        ],
        appArmorProfile: { type: "Unconfined" },
      },
      containers: [c],
    });
    expect(failing(run("ZT-PSS-011", [deployment("web", "api", spec)]))).toEqual([
      'Deployment "api" (web): container "app" has AppArmor profile Unconfined',
      'Deployment "api" (web): container "app" is a Windows hostProcess container',
      'Deployment "api" (web): container "app" sets a custom SELinux user or role',
      'Deployment "api" (web): container "app" sets procMount: Unmasked',
      'Deployment "api" (web): sets sysctl kernel.msgmax, not in the PSS safe set for v1.31',
    ]);
  });

  it("uses the safe set of the pinned version (tcp_keepalive_time only from v1.29)", () => {
    const spec = goodPodSpec({
      securityContext: {
        runAsNonRoot: true,
        sysctls: [{ name: "net.ipv4.tcp_keepalive_time", value: "60" }],
      },
    });
    expect(run("ZT-PSS-011", [deployment("web", "api", spec)])).toEqual([]);
    expect(
      failing(
        run("ZT-PSS-011", [deployment("web", "api", spec)], {
          config: { podSecurity: { version: "v1.28", minimumVersion: "v1.28" } },
        }),
      ),
    ).toHaveLength(1);
  });
});
