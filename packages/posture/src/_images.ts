/** Image reference helpers (controls.md §2 rule 14). */

/** The fully qualified reference: short names get Docker Hub's implicit `docker.io/library/`. */
export function normalizeImage(ref: string): string {
  const slash = ref.indexOf("/");
  const first = slash < 0 ? "" : ref.slice(0, slash);
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost"))
    return ref;
  return slash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
}

/** Prefix match on a `/` boundary: `registry.corp.example.evil.io/x` is not under `registry.corp.example/`. */
export function fromApprovedRegistry(ref: string, prefixes: readonly string[]): boolean {
  const full = normalizeImage(ref);
  return prefixes.some((p) => full.startsWith(p.endsWith("/") ? p : `${p}/`));
}

/** The tag and digest of a reference; no tag and no digest means `latest`. */
export function tagOf(ref: string): { tag: string | undefined; digest: string | undefined } {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : undefined;
  return { tag, digest };
}

/** Whether an image pattern (`*`/`**` globs as in Kyverno and Sigstore) covers every image under `prefix`. */
export function patternCoversPrefix(pattern: string, prefix: string): boolean {
  const p = pattern.trim();
  if (p === "*" || p === "**") return true;
  const star = p.indexOf("*");
  if (star < 0 || p.slice(star).replace(/\*/g, "") !== "") return false;
  return prefix.startsWith(p.slice(0, star));
}
