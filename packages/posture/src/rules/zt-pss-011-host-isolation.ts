import { describeContainer, effectiveSecurity, forEachTenantContainer } from "../_pods.ts";
import { obj, objs, str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";
import { psaMinor } from "./zt-pss-002-psa-version-pinned.ts";

const SAFE = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
];
const SAFE_1_27 = ["net.ipv4.ip_local_reserved_ports"];
const SAFE_1_29 = [
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
];
const SELINUX_TYPES = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);

/** The PSS safe sysctls at a pinned PSA version. */
export function safeSysctls(version: string): Set<string> {
  const minor = psaMinor(version) ?? 0;
  return new Set([...SAFE, ...(minor >= 27 ? SAFE_1_27 : []), ...(minor >= 29 ? SAFE_1_29 : [])]);
}

export const ztPss011 = defineRule({
  id: "ZT-PSS-011",
  title: "Other baseline host-isolation fields",
  severity: "error",
  fix: "Remove unsafe sysctls, procMount: Unmasked, AppArmor Unconfined, custom SELinux user/role/type and windowsOptions.hostProcess.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    const safe = safeSysctls(ctx.config.podSecurity.version);
    for (const w of ctx.cluster.tenantWorkloads()) {
      const psc = obj(w.spec.securityContext);
      for (const s of objs(psc.sysctls)) {
        const name = str(s.name) ?? "";
        if (!safe.has(name))
          ctx.report(
            w.object,
            `sets sysctl ${name}, not in the PSS safe set for ${ctx.config.podSecurity.version}`,
          );
      }
      for (const [k, v] of Object.entries(w.annotations)) {
        if (k.startsWith("container.apparmor.security.beta.kubernetes.io/") && v === "unconfined") {
          ctx.report(w.object, `annotation ${k} is unconfined; use runtime/default`);
        }
      }
    }
    forEachTenantContainer(ctx.cluster.tenantWorkloads(), (w, ref) => {
      const sc = obj(ref.container.securityContext);
      const who = describeContainer(ref);
      if (sc.procMount === "Unmasked") ctx.report(w.object, `${who} sets procMount: Unmasked`);
      if (obj(effectiveSecurity(w.spec, ref, "appArmorProfile")).type === "Unconfined")
        ctx.report(w.object, `${who} has AppArmor profile Unconfined`);
      const se = obj(effectiveSecurity(w.spec, ref, "seLinuxOptions"));
      if (se.user !== undefined || se.role !== undefined)
        ctx.report(w.object, `${who} sets a custom SELinux user or role`);
      if (typeof se.type === "string" && !SELINUX_TYPES.has(se.type))
        ctx.report(w.object, `${who} sets SELinux type ${se.type}`);
      if (obj(effectiveSecurity(w.spec, ref, "windowsOptions")).hostProcess === true)
        ctx.report(w.object, `${who} is a Windows hostProcess container`);
    });
  },
});
