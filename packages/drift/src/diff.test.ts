import type { KubeObject } from "@fleet-baseline/model";
import { describe, expect, it } from "vitest";
import { diffObjects } from "./diff.ts";
import { formatMarkdown, formatText } from "./format.ts";

const owned = { "app.kubernetes.io/managed-by": "fleet-baseline" };
const policy = (spec: object, extra: object = {}): KubeObject => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "web", namespace: "shop", labels: owned, ...extra },
  spec,
});

describe("diffObjects", () => {
  it("treats a named port and a number as different ports", () => {
    const report = diffObjects(
      [policy({ ingress: [{ ports: [{ port: 8443 }] }] })],
      [policy({ ingress: [{ ports: [{ port: "https", protocol: "TCP" }] }] })],
    );
    expect(report.changes.map((c) => [c.path, c.reason])).toEqual([
      ["/spec/ingress", "list-differs"],
    ]);
  });

  it("ignores annotations and labels git does not set, but reports the ones it sets", () => {
    const desired = policy({}, { annotations: { team: "shop" } });
    const live = policy(
      {},
      { annotations: { team: "ops", "argocd.argoproj.io/tracking-id": "x" } },
    );
    (live.metadata.labels as Record<string, string>)["kustomize.toolkit.fluxcd.io/name"] = "base";
    const report = diffObjects([desired], [live]);
    expect(report.changes.map((c) => [c.path, c.desired, c.live])).toEqual([
      ["/metadata/annotations/team", "shop", "ops"],
    ]);
  });

  it("pairs an object without namespace with its live copy in default", () => {
    const desired: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: owned },
    };
    const live: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "default", labels: owned },
    };
    expect(diffObjects([desired], [live]).changes).toEqual([]);
  });

  it("reports a kind the cluster does not serve once, not its objects as missing", () => {
    const desired: KubeObject = {
      apiVersion: "security.istio.io/v1",
      kind: "PeerAuthentication",
      metadata: { name: "default", namespace: "istio-system" },
      spec: { mtls: { mode: "STRICT" } },
    };
    const report = diffObjects([desired], [], {
      unserved: [{ apiVersion: "security.istio.io/v1", kind: "PeerAuthentication" }],
    });
    expect(report.changes).toEqual([]);
    expect(report.drifted).toBe(true);
    expect(formatText("prod", report)).toContain(
      "! security.istio.io/v1 PeerAuthentication is not served by the cluster",
    );
  });

  it("scopes cluster-wide kinds by discovery when it is known", () => {
    const desired: KubeObject = {
      apiVersion: "example.com/v1",
      kind: "Guard",
      metadata: { name: "g", namespace: "x", labels: owned },
    };
    const live: KubeObject = {
      apiVersion: "example.com/v1",
      kind: "Guard",
      metadata: { name: "g", labels: owned },
    };
    expect(diffObjects([desired], [live]).summary.missing).toBe(1);
    expect(diffObjects([desired], [live], { namespaced: () => false }).changes).toEqual([]);
  });

  it("compares ordered lists element by element, Calico ports by value", () => {
    const gnp = (rules: object[]): KubeObject => ({
      apiVersion: "projectcalico.org/v3",
      kind: "GlobalNetworkPolicy",
      metadata: { name: "guard", labels: owned },
      spec: { egress: rules },
    });
    const same = diffObjects(
      [gnp([{ action: "Deny", destination: { ports: ["443", "80"] } }, { action: "Allow" }])],
      [gnp([{ action: "Deny", destination: { ports: [80, 443] } }, { action: "Allow" }])],
    );
    expect(same.changes).toEqual([]);
    const swapped = diffObjects(
      [gnp([{ action: "Deny" }, { action: "Allow" }])],
      [gnp([{ action: "Allow" }, { action: "Deny" }])],
    );
    expect(swapped.changes.map((c) => c.path)).toEqual([
      "/spec/egress/0/action",
      "/spec/egress/1/action",
    ]);
    expect(swapped.changes[0]?.weakens).toEqual(["ZT-NET-004", "ZT-NET-008"]);
  });

  it("renders missing, changed and extra objects in text and markdown", () => {
    const report = diffObjects(
      [
        policy({ podSelector: {} }),
        { ...policy({}), metadata: { name: "gone", namespace: "shop", labels: owned } },
      ],
      [
        policy({ egress: [{}] }),
        { ...policy({}), metadata: { name: "new", namespace: "shop", labels: owned } },
      ],
    );
    const text = formatText("prod", report);
    expect(text).toContain("cluster prod: drift in 3 objects (1 missing, 1 changed, 1 extra)");
    expect(text.indexOf("- networking.k8s.io/v1 NetworkPolicy shop/gone")).toBeLessThan(
      text.indexOf("~ networking.k8s.io/v1 NetworkPolicy shop/web"),
    );
    expect(text).toContain(
      "+ networking.k8s.io/v1 NetworkPolicy shop/new\n    in cluster with app.kubernetes.io/managed-by=fleet-baseline, not in git",
    );
    const markdown = formatMarkdown("prod", report);
    expect(markdown).toContain("| extra | NetworkPolicy `shop/new` |");
  });
});

describe("workload and Service defaults", () => {
  const deployment = (spec: object): KubeObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "shop", labels: owned },
    spec,
  });
  const template = {
    metadata: { labels: { app: "api" } },
    spec: {
      serviceAccountName: "api",
      containers: [
        {
          name: "api",
          image: "registry.example.com/api:1.2.3",
          ports: [{ containerPort: 8080 }],
          readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
          securityContext: { allowPrivilegeEscalation: false },
        },
      ],
      volumes: [{ name: "cfg", configMap: { name: "api" } }],
    },
  };

  it("absorbs what the API server adds to a Deployment", () => {
    const live = structuredClone(template);
    Object.assign(live.metadata, { creationTimestamp: null });
    Object.assign(live.spec, {
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    Object.assign(live.spec.containers[0]!, {
      imagePullPolicy: "IfNotPresent",
      resources: {},
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      ports: [{ containerPort: 8080, protocol: "TCP" }],
      readinessProbe: {
        httpGet: { path: "/ready", port: 8080, scheme: "HTTP" },
        failureThreshold: 3,
        periodSeconds: 10,
        successThreshold: 1,
        timeoutSeconds: 1,
      },
    });
    Object.assign(live.spec.volumes[0]!.configMap, { defaultMode: 420 });
    const report = diffObjects(
      [deployment({ selector: { matchLabels: { app: "api" } }, template })],
      [
        deployment({
          progressDeadlineSeconds: 600,
          replicas: 1,
          revisionHistoryLimit: 10,
          selector: { matchLabels: { app: "api" } },
          strategy: {
            rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
            type: "RollingUpdate",
          },
          template: live,
        }),
      ],
    );
    expect(report.changes).toEqual([]);
  });

  it("tags a privilege change in a pod template with the pod security controls", () => {
    const live = structuredClone(template);
    live.spec.containers[0]!.securityContext = { allowPrivilegeEscalation: true };
    const report = diffObjects([deployment({ template })], [deployment({ template: live })]);
    expect(report.changes.map((c) => [c.path, c.weakens])).toEqual([
      ["/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", ["ZT-PSS-008"]],
    ]);
  });

  it("absorbs a Service's allocated addresses and defaults", () => {
    const service = (spec: object): KubeObject => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "api", namespace: "shop", labels: owned },
      spec,
    });
    const report = diffObjects(
      [service({ selector: { app: "api" }, ports: [{ name: "http", port: 80 }] })],
      [
        service({
          clusterIP: "10.96.12.7",
          clusterIPs: ["10.96.12.7"],
          internalTrafficPolicy: "Cluster",
          ipFamilies: ["IPv4"],
          ipFamilyPolicy: "SingleStack",
          ports: [{ name: "http", port: 80, protocol: "TCP", targetPort: 80 }],
          selector: { app: "api" },
          sessionAffinity: "None",
          type: "ClusterIP",
        }),
      ],
    );
    expect(report.changes).toEqual([]);
  });
});

describe("attribution", () => {
  it("names the field manager of a hand-added field from managedFields", () => {
    const live = policy({ podSelector: {}, ingress: [{}] });
    live.metadata.managedFields = [
      {
        manager: "kubectl-client-side-apply",
        operation: "Update",
        time: "2025-06-02T08:14:05Z",
        fieldsV1: { "f:metadata": { "f:labels": {} }, "f:spec": { "f:podSelector": {} } },
      },
      {
        manager: "kubectl-edit",
        operation: "Update",
        time: "2025-07-09T16:02:10Z",
        fieldsV1: { "f:spec": { "f:ingress": {} } },
      },
    ];
    const report = diffObjects([policy({ podSelector: {} })], [live]);
    expect(report.changes.map((c) => [c.path, c.changedBy])).toEqual([
      [
        "/spec/ingress",
        { manager: "kubectl-edit", operation: "Update", time: "2025-07-09T16:02:10Z" },
      ],
    ]);
    expect(formatText("prod", report)).toContain(
      "/spec/ingress:  [weakens ZT-NET-001, ZT-NET-004]  (kubectl-edit, 2025-07-09T16:02:10Z)",
    );
  });
});
