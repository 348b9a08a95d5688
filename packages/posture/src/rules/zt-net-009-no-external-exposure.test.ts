import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

describe("ZT-NET-009 no external exposure", () => {
  it("flags LoadBalancer, NodePort and externalIPs in tenant namespaces only", () => {
    const lb = object("v1", "Service", "web", "lb", { type: "LoadBalancer" });
    const np = object("v1", "Service", "web", "np", { type: "NodePort", externalIPs: ["1.2.3.4"] });
    const ok = object("v1", "Service", "web", "ok", { type: "ClusterIP" });
    const gw = object("v1", "Service", "istio-system", "gw", { type: "LoadBalancer" });
    expect(failing(run("ZT-NET-009", [namespace("web"), lb, np, ok, gw]))).toEqual([
      'Service "lb" (web): is type LoadBalancer; use ClusterIP behind the shared gateway',
      'Service "np" (web): is type NodePort; use ClusterIP behind the shared gateway',
      'Service "np" (web): sets externalIPs; remove them',
    ]);
  });

  it("is waived by an exception on the Service, but not by an expired or ownerless one", () => {
    const ann = {
      "fleet-baseline.io/exception-controls": "ZT-NET-009",
      "fleet-baseline.io/exception-owner": "team-web",
      "fleet-baseline.io/exception-ticket": "SEC-2",
      "fleet-baseline.io/exception-expires": "2027-03-01",
    };
    const lb = object("v1", "Service", "web", "lb", { type: "LoadBalancer" }, { annotations: ann });
    expect(run("ZT-NET-009", [lb]).map((f) => f.status)).toEqual(["excepted"]);
    const expired = object(
      "v1",
      "Service",
      "web",
      "lb",
      { type: "LoadBalancer" },
      { annotations: { ...ann, "fleet-baseline.io/exception-expires": "2026-11-01" } },
    );
    expect(run("ZT-NET-009", [expired]).map((f) => f.status)).toEqual(["fail"]);
    const { "fleet-baseline.io/exception-owner": _, ...noOwner } = ann;
    const ownerless = object(
      "v1",
      "Service",
      "web",
      "lb",
      { type: "LoadBalancer" },
      { annotations: noOwner },
    );
    expect(run("ZT-NET-009", [ownerless]).map((f) => f.status)).toEqual(["fail"]);
  });

  it("passes ClusterIP and headless Services", () => {
    const svc = object("v1", "Service", "web", "api", { type: "ClusterIP", ports: [{ port: 80 }] });
    const headless = object("v1", "Service", "web", "db", { clusterIP: "None" });
    expect(run("ZT-NET-009", [namespace("web"), svc, headless])).toEqual([]);
  });
});
