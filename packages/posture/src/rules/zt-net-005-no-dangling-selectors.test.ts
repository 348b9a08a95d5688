import { describe, expect, it } from "vitest";
import { deployment, failing, namespace, netpol, run } from "../_test-utils.ts";

const web = namespace("web", { team: "web" });
const api = deployment("web", "api");

describe("ZT-NET-005 no dangling selectors", () => {
  it("flags a namespaceSelector that matches no Namespace and a podSelector matching no workload", () => {
    const p = netpol("web", "p", {
      podSelector: { matchLabels: { app: "ghost" } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: "payments" } } }] }],
    });
    expect(failing(run("ZT-NET-005", [web, api, p]))).toEqual([
      'NetworkPolicy "p" (web): ingress rule 0 peer 0: namespaceSelector matches no Namespace; it is a latent grant to whoever labels a namespace that way',
      'NetworkPolicy "p" (web): podSelector matches no rendered workload in its namespace',
    ]);
  });

  it("counts the implicit kubernetes.io/metadata.name label and rendered pod labels", () => {
    const p = netpol("web", "p", {
      podSelector: { matchLabels: { app: "api" } },
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "web" } },
              podSelector: { matchLabels: { app: "api" } },
            },
          ],
        },
      ],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
              podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            },
          ],
        },
      ],
    });
    expect(run("ZT-NET-005", [web, api, p])).toEqual([]);
  });
});
