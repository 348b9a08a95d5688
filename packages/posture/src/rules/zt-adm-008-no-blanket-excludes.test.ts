import { describe, expect, it } from "vitest";
import { failing, namespace, object, run } from "../_test-utils.ts";

const tag = { annotations: { "fleet-baseline.io/controls": "ZT-PSS-004" } };
const ns = [namespace("web"), namespace("payments")];

describe("ZT-ADM-008 no blanket excludes", () => {
  it("expands wildcard excludes against tenant namespaces", () => {
    const cp = object(
      "kyverno.io/v1",
      "ClusterPolicy",
      undefined,
      "p",
      {
        rules: [
          {
            name: "r",
            match: {},
            exclude: { any: [{ resources: { namespaces: ["kube-*", "pay*"] } }] },
          },
        ],
      },
      tag,
    );
    const gk = object(
      "constraints.gatekeeper.sh/v1beta1",
      "K8sPSPCapabilities",
      undefined,
      "c",
      { match: { excludedNamespaces: ["kube-system", "w*"] } },
      tag,
    );
    expect(failing(run("ZT-ADM-008", [...ns, cp, gk]))).toEqual([
      'ClusterPolicy "p": rule "r" excludes tenant namespaces [payments]',
      'K8sPSPCapabilities "c": excludedNamespaces covers tenant namespaces [web]',
    ]);
  });

  it("passes excludes of system namespaces only, and waives with a per-control exception", () => {
    const cp = object(
      "kyverno.io/v1",
      "ClusterPolicy",
      undefined,
      "p",
      {
        rules: [
          {
            name: "r",
            exclude: { any: [{ resources: { namespaces: ["kube-system", "istio-system"] } }] },
          },
        ],
      },
      tag,
    );
    expect(run("ZT-ADM-008", [...ns, cp])).toEqual([]);
    const gk = object(
      "constraints.gatekeeper.sh/v1beta1",
      "K8sPSPCapabilities",
      undefined,
      "c",
      { match: { excludedNamespaces: ["web"] } },
      {
        annotations: {
          ...tag.annotations,
          "fleet-baseline.io/exception-controls": "ZT-ADM-008",
          "fleet-baseline.io/exception-owner": "o",
          "fleet-baseline.io/exception-ticket": "T-1",
          "fleet-baseline.io/exception-expires": "2027-01-01",
        },
      },
    );
    expect(run("ZT-ADM-008", [...ns, gk]).map((f) => f.status)).toEqual(["excepted"]);
  });
});
