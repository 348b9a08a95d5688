import { child, items, objects, setDefault } from "./defaulting.ts";
import type { KindProfile } from "./profile.ts";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const RULE_LISTS = [
  "rules",
  "rules/*/verbs",
  "rules/*/apiGroups",
  "rules/*/resources",
  "rules/*/resourceNames",
  "rules/*/nonResourceURLs",
  "aggregationRule/clusterRoleSelectors",
  "**/matchExpressions",
  "**/matchExpressions/*/values",
];

/**
 * RBAC (kubernetes `pkg/apis/rbac/v1/defaults.go`): `roleRef.apiGroup` and User/Group subject
 * `apiGroup` default to the RBAC group; an aggregated ClusterRole's `rules` belong to the
 * clusterrole-aggregation-controller. Rules, verbs, resources and subjects are sets.
 */
export const rbacProfile: KindProfile = {
  group: RBAC_GROUP,
  kinds: ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
  clusterScoped: ["ClusterRole", "ClusterRoleBinding"],
  normalize: (kind, body) => {
    if (kind === "ClusterRole" && child(body, "aggregationRule")) delete body.rules;
    if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
      setDefault(child(body, "roleRef"), "apiGroup", RBAC_GROUP);
      for (const subject of objects(items(body, "subjects"))) {
        if (subject.kind === "User" || subject.kind === "Group") {
          setDefault(subject, "apiGroup", RBAC_GROUP);
        }
      }
    }
  },
  setLists: {
    Role: RULE_LISTS,
    ClusterRole: RULE_LISTS,
    RoleBinding: ["subjects"],
    ClusterRoleBinding: ["subjects"],
  },
};
