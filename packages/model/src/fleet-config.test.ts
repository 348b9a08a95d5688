import { describe, expect, it } from "vitest";
import type { FleetError } from "./errors.ts";
import { DEFAULT_FLEET_CONFIG, parseFleetConfig } from "./fleet-config.ts";

describe("parseFleetConfig", () => {
  it("fills absent fields from the catalog defaults", () => {
    const cfg = parseFleetConfig(
      "apiVersion: fleet-baseline.io/v1alpha1\nkind: Fleet\nspec:\n  spiffeTrustDomain: prod.corp\n",
    );
    expect(cfg.spiffeTrustDomain).toBe("prod.corp");
    expect(cfg.systemNamespaces).toEqual(DEFAULT_FLEET_CONFIG.systemNamespaces);
    expect(cfg.dns.podSelector).toEqual({ "k8s-app": "kube-dns" });
  });

  it("reports an unknown field with its line and the field path", () => {
    const text =
      "apiVersion: fleet-baseline.io/v1alpha1\nkind: Fleet\nspec:\n  dns:\n    namespce: kube-system\n";
    try {
      parseFleetConfig(text, "fleet.yaml");
      expect.unreachable();
    } catch (e) {
      const err = e as FleetError;
      expect(err.code).toBe("BAD_CONFIG");
      expect(err.message).toBe('unknown field "namespce"');
      expect(err.field).toBe("spec.dns");
      expect(err.line).toBe(5);
    }
  });

  it("rejects a registry prefix without a trailing slash", () => {
    const text =
      "apiVersion: fleet-baseline.io/v1alpha1\nkind: Fleet\nspec:\n  approvedRegistries: [registry.corp.example]\n";
    expect(() => parseFleetConfig(text)).toThrow(/must match/);
  });
});
