#!/usr/bin/env bash
# Runs the tenancy cases of argocd/src/tenancy/*.test.ts against a real cluster: the kind
# cluster of this folder (terraform apply) with Argo CD, the root app synced, the platform
# components healthy (CNPG, RabbitMQ operator, External Secrets) and platform-tenancy synced.
#
#   export KUBECONFIG=$(terraform -chdir=infra output -raw kubeconfig_path)
#   bash infra/tenancy-e2e.sh
#
# Admission cases use `kubectl apply --dry-run=server`, which runs ValidatingAdmissionPolicies
# and Pod Security admission without persisting anything. Argo CD cases create Applications
# and read the InvalidSpecError condition Argo CD sets when a project refuses them; they are
# deleted again. Exit code = number of failed cases.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; kubectl -n argocd delete application -l idp.platform/e2e=tenancy --ignore-not-found >/dev/null' EXIT
failed=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# apply_expect <denied|allowed> <case> <namespace>  (manifest on stdin)
apply_expect() {
  local want=$1 name=$2 ns=$3 out
  if out=$(kubectl apply --dry-run=server -n "$ns" -f - 2>&1); then
    [ "$want" = allowed ] && pass "$name" || fail "$name: admitted, expected a refusal"
  else
    [ "$want" = denied ] && pass "$name ($(echo "$out" | tail -1 | cut -c1-140))" || fail "$name: $out"
  fi
}

pod() { # pod <extra spec yaml, indented 2>
  cat <<YAML
apiVersion: v1
kind: Pod
metadata: { name: e2e }
spec:
  securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
  containers:
    - name: c
      image: busybox:1.36
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
$1
YAML
}

echo "== the platform created the namespaces from the registry"
for ns in commerce-dev commerce-prod finance-prod idp-secrets-commerce-prod; do
  kubectl get namespace "$ns" >/dev/null 2>&1 && pass "namespace $ns exists" || fail "namespace $ns missing (is platform-tenancy synced?)"
done
[ "$(kubectl get ns commerce-prod -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}')" = restricted ] \
  && pass "commerce-prod enforces Pod Security restricted" || fail "commerce-prod has no restricted label"

echo "== admission: every object the generator emits is admitted in its own namespace"
for fixture in fullstack fastapi-postgres every-subcomponent; do
  node "$ROOT/packages/stack-cli/bin/stack" generate "$ROOT/plugins/stack-common/fixtures/$fixture.yaml" -o "$WORK/$fixture" >/dev/null
  system=$(sed -n 's/^  system: //p' "$ROOT/plugins/stack-common/fixtures/$fixture.yaml")
  for env in dev stage prod; do
    kubectl kustomize "$WORK/$fixture/deploy/overlays/$env" | apply_expect allowed "$fixture $env overlay" "$system-$env"
  done
done

echo "== admission: the red-team cases are refused"
cat <<'YAML' | apply_expect denied "privileged container" commerce-dev
apiVersion: v1
kind: Pod
metadata: { name: e2e }
spec:
  containers: [{ name: c, image: busybox:1.36, securityContext: { privileged: true } }]
YAML
pod "  volumes: [{ name: root, hostPath: { path: / } }]" | apply_expect denied "hostPath /" commerce-dev
pod "  hostNetwork: true" | apply_expect denied "hostNetwork" commerce-dev
pod "  tolerations: [{ key: idp.platform/dedicated, operator: Equal, value: platform, effect: NoSchedule }]" | apply_expect denied "platform toleration" commerce-dev
pod "  tolerations: [{ operator: Exists }]" | apply_expect denied "toleration of every taint" commerce-dev
pod "  nodeSelector: { idp.platform/node-role: platform }" | apply_expect denied "platform nodeSelector" commerce-dev
pod "" | apply_expect allowed "a restricted pod" commerce-dev
cat <<'YAML' | apply_expect denied "Deployment of commerce in finance-prod" finance-prod
apiVersion: apps/v1
kind: Deployment
metadata: { name: e2e, labels: { idp.platform/system: commerce } }
spec:
  selector: { matchLabels: { app: e2e } }
  template:
    metadata: { labels: { app: e2e } }
    spec: { containers: [{ name: c, image: busybox:1.36 }] }
YAML
ingress() {
  cat <<YAML
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: e2e }
spec:
  rules: [{ host: $1, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }] } }]
YAML
}
ingress shop.example.com | apply_expect allowed "own hostname" commerce-prod
ingress portal.localhost | apply_expect denied "the portal's hostname" commerce-prod
ingress ledger.prod.apps.internal | apply_expect denied "another system's hostname" commerce-prod
externalsecret() {
  cat <<YAML
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: { name: e2e }
spec:
  secretStoreRef: { kind: ClusterSecretStore, name: $1 }
  target: { name: e2e }
  $2
YAML
}
externalsecret idp-secrets-commerce-prod "data: [{ secretKey: p, remoteRef: { key: commerce-prod.e2e.db.app, property: password } }]" | apply_expect allowed "own key" commerce-prod
externalsecret idp-secrets-commerce-prod "dataFrom: [{ find: { name: { regexp: '.*' } } }]" | apply_expect denied "dataFrom.find" commerce-prod
externalsecret idp-secrets-commerce-prod "data: [{ secretKey: p, remoteRef: { key: finance-prod.ledger.db.app, property: password } }]" | apply_expect denied "another system's key" commerce-prod
externalsecret idp-secrets-commerce-prod "data: [{ secretKey: p, remoteRef: { key: commerce-dev.shop.db.app, property: password } }]" | apply_expect denied "another environment's key" commerce-prod
externalsecret idp-secrets-finance-prod "data: [{ secretKey: p, remoteRef: { key: commerce-prod.shop.db.app, property: password } }]" | apply_expect denied "another namespace's store" commerce-prod

echo "== External Secrets: a seeded key resolves in its own namespace"
kubectl -n idp-secrets-commerce-prod create secret generic commerce-prod.e2e.db.app --from-literal=password=e2e --dry-run=client -o yaml | kubectl apply -f - >/dev/null
externalsecret idp-secrets-commerce-prod "data: [{ secretKey: password, remoteRef: { key: commerce-prod.e2e.db.app, property: password } }]" | kubectl -n commerce-prod apply -f - >/dev/null
if kubectl -n commerce-prod wait externalsecret/e2e --for=condition=Ready --timeout=60s >/dev/null 2>&1 \
  && [ "$(kubectl -n commerce-prod get secret e2e -o jsonpath='{.data.password}' | base64 -d)" = e2e ]; then
  pass "ExternalSecret resolved through idp-secrets-commerce-prod"
else
  fail "ExternalSecret e2e in commerce-prod did not become Ready"
fi
kubectl -n commerce-prod delete externalsecret e2e --ignore-not-found >/dev/null
kubectl -n idp-secrets-commerce-prod delete secret commerce-prod.e2e.db.app --ignore-not-found >/dev/null

echo "== Argo CD: the system's AppProject refuses foreign repositories and namespaces"
application() { # application <name> <repo> <namespace>
  cat <<YAML | kubectl apply -f - >/dev/null
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: $1, namespace: argocd, labels: { idp.platform/e2e: tenancy } }
spec:
  project: commerce
  source: { repoURL: 'https://github.com/acme/$2.git', targetRevision: main, path: deploy/overlays/dev }
  destination: { server: https://kubernetes.default.svc, namespace: $3 }
YAML
}
refused() { # refused <application> → 0 when Argo CD reports InvalidSpecError
  for _ in $(seq 1 30); do
    kubectl -n argocd get application "$1" -o jsonpath='{.status.conditions[*].type}' 2>/dev/null | grep -q InvalidSpecError && return 0
    sleep 2
  done
  return 1
}
application e2e-unregistered not-registered commerce-dev
refused e2e-unregistered && pass "unregistered repository refused by project commerce" || fail "unregistered repository was accepted"
application e2e-foreign-ns shop finance-prod
refused e2e-foreign-ns && pass "commerce's repository refused in finance-prod" || fail "commerce's repository accepted in finance-prod"
application e2e-own shop commerce-dev
refused e2e-own && fail "registered repository refused in its own namespace" || pass "registered repository accepted in commerce-dev"

echo "$failed failed"
exit "$failed"
