import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "./registry.ts";

/** Controls of controls.md that no manifest can show (see AGENTS.md). */
const UNCHECKED = ["ZT-RBAC-010", "ZT-RUN-003"];
const CATALOG = [
  ...Array.from({ length: 9 }, (_, i) => `ZT-NET-00${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `ZT-PSS-${String(i + 1).padStart(3, "0")}`),
  ...Array.from({ length: 10 }, (_, i) => `ZT-RBAC-${String(i + 1).padStart(3, "0")}`),
  ...Array.from({ length: 3 }, (_, i) => `ZT-ID-00${i + 1}`),
  ...Array.from({ length: 8 }, (_, i) => `ZT-MESH-00${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `ZT-ADM-00${i + 1}`),
  ...Array.from({ length: 3 }, (_, i) => `ZT-CERT-00${i + 1}`),
  ...Array.from({ length: 3 }, (_, i) => `ZT-RUN-00${i + 1}`),
];

describe("rule registry", () => {
  it("has one rule per checkable catalog control, in catalog order", () => {
    expect(CATALOG).toHaveLength(60);
    expect(Object.keys(rules)).toEqual(CATALOG.filter((id) => !UNCHECKED.includes(id)));
  });

  it("keeps each rule in its own file named after its id, with a colocated test", () => {
    const files = readdirSync(join(import.meta.dirname, "rules"));
    for (const id of Object.keys(rules)) {
      const base = files.filter(
        (f) => f.startsWith(`${id.toLowerCase()}-`) && !f.endsWith(".test.ts"),
      );
      expect(base, id).toHaveLength(1);
      expect(files, id).toContain((base[0] ?? "").replace(/\.ts$/, ".test.ts"));
    }
  });

  it("documents severity, fix and the stage behaviour of every rule", () => {
    for (const r of Object.values(rules)) {
      expect(r.fix.length, r.id).toBeGreaterThan(10);
      expect(r.stageNote.length, r.id).toBeGreaterThan(5);
      expect(["error", "warning", "info"]).toContain(r.severity);
    }
  });
});
