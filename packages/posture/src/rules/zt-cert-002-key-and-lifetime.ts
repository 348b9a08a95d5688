import { obj, str } from "../_util.ts";
import { defineRule, STAGE_DOWNGRADE } from "../rule.ts";

/** A Go duration (`2160h`, `90m`, `1h30m`) in hours; undefined when unparseable. */
export function durationHours(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === "h" ? n : unit === "m" ? n / 60 : unit === "s" ? n / 3600 : 0;
    consumed += m[0].length;
  }
  return consumed === text.length && text.length > 0 ? total : undefined;
}

export const ztCert002 = defineRule({
  id: "ZT-CERT-002",
  title: "Key and lifetime policy",
  severity: "error",
  fix: "Use duration ≤ 2160h, ECDSA P-256/P-384, Ed25519 or RSA ≥ 2048, and privateKey.rotationPolicy: Always.",
  ...STAGE_DOWNGRADE,
  check(ctx) {
    for (const cert of ctx.cluster.ofKind("Certificate", "cert-manager.io")) {
      const spec = obj(cert.spec);
      const duration = str(spec.duration);
      const hours = duration === undefined ? 2160 : durationHours(duration);
      if (hours === undefined) ctx.report(cert, `duration "${duration}" is not a duration`);
      else if (hours > 2160) ctx.report(cert, `duration ${duration} is longer than 2160h`);
      const renew = str(spec.renewBefore);
      const renewHours = renew === undefined ? undefined : durationHours(renew);
      if (renewHours !== undefined && hours !== undefined && renewHours >= hours)
        ctx.report(
          cert,
          `renewBefore ${renew} is not shorter than the duration, so renewal never settles`,
        );
      const pk = obj(spec.privateKey);
      const alg = str(pk.algorithm) ?? "RSA";
      const size = typeof pk.size === "number" ? pk.size : undefined;
      if (alg === "RSA" && (size ?? 2048) < 2048)
        ctx.report(cert, `RSA key size ${size} is below 2048`);
      if (alg === "ECDSA" && ![256, 384].includes(size ?? 256))
        ctx.report(cert, `ECDSA key size ${size} is not P-256 or P-384`);
      if (!["RSA", "ECDSA", "Ed25519"].includes(alg))
        ctx.report(cert, `key algorithm ${alg} is not allowed`);
      if (pk.rotationPolicy === "Never")
        ctx.report(cert, "privateKey.rotationPolicy is Never; use Always");
    }
  },
});
