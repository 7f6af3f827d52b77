locals {
  kubeconfig_path = var.kubeconfig_path != "" ? pathexpand(var.kubeconfig_path) : pathexpand("~/.kube/kind-${var.cluster_name}")
  bootstrap_dir   = abspath("${path.module}/../argocd/bootstrap")

  # Platform components (ingress, operators, Argo CD, the portal) select this node and
  # tolerate its taint; team workloads have no toleration, so they land on `workloads`.
  platform_selector   = { "idp.platform/node-role" = "platform" }
  platform_toleration = { key = "idp.platform/dedicated", operator = "Equal", value = "platform", effect = "NoSchedule" }
}

resource "kind_cluster" "this" {
  name            = var.cluster_name
  node_image      = var.node_image
  kubeconfig_path = local.kubeconfig_path
  wait_for_ready  = true

  kind_config {
    kind        = "Cluster"
    api_version = "kind.x-k8s.io/v1alpha4"

    node {
      role = "control-plane"
    }

    # platform: ingress (host ports), Argo CD, operators, the portal.
    node {
      role = "worker"

      kubeadm_config_patches = [
        <<-EOT
        kind: JoinConfiguration
        nodeRegistration:
          kubeletExtraArgs:
            node-labels: "idp.platform/node-role=platform"
          taints:
            - key: idp.platform/dedicated
              value: platform
              effect: NoSchedule
        EOT
      ]

      extra_port_mappings {
        container_port = 80
        host_port      = var.http_host_port
        listen_address = var.listen_address
        protocol       = "TCP"
      }

      extra_port_mappings {
        container_port = 443
        host_port      = var.https_host_port
        listen_address = var.listen_address
        protocol       = "TCP"
      }
    }

    # workloads: team services. A soft taint keeps stray platform pods off it without
    # requiring every generated Deployment to carry a toleration.
    node {
      role = "worker"

      kubeadm_config_patches = [
        <<-EOT
        kind: JoinConfiguration
        nodeRegistration:
          kubeletExtraArgs:
            node-labels: "idp.platform/node-role=workloads"
          taints:
            - key: idp.platform/dedicated
              value: workloads
              effect: PreferNoSchedule
        EOT
      ]
    }
  }
}

provider "helm" {
  kubernetes = {
    host                   = kind_cluster.this.endpoint
    client_certificate     = kind_cluster.this.client_certificate
    client_key             = kind_cluster.this.client_key
    cluster_ca_certificate = kind_cluster.this.cluster_ca_certificate
  }
}

resource "helm_release" "argocd" {
  name             = "argocd"
  repository       = "https://argoproj.github.io/argo-helm"
  chart            = "argo-cd"
  version          = var.argocd_chart_version
  namespace        = "argocd"
  create_namespace = true
  wait             = true
  timeout          = 600

  values = [yamlencode({
    global = {
      nodeSelector = local.platform_selector
      tolerations  = [local.platform_toleration]
    }
    configs = {
      params = {
        # TLS ends at Traefik.
        "server.insecure" = true
        # The SCM generator only reads token Secrets labelled
        # argocd.argoproj.io/secret-type=scm-creds (argocd/README.md).
        "applicationsetcontroller.enable.tokenref.strict.mode" = true
      }
    }
    server = {
      ingress = {
        enabled          = true
        ingressClassName = "traefik"
        hostname         = "argocd.localhost"
      }
    }
  })]
}

# The app-of-apps root, from the same folder an operator would apply by hand, so the
# cluster and the README cannot drift apart. Re-applied when those files change.
resource "terraform_data" "root_app" {
  count = var.bootstrap_root_app ? 1 : 0

  triggers_replace = [
    helm_release.argocd.id,
    sha256(join("", [for f in sort(fileset(local.bootstrap_dir, "*.yaml")) : filesha256("${local.bootstrap_dir}/${f}")])),
  ]

  provisioner "local-exec" {
    command = "kubectl apply -k '${local.bootstrap_dir}'"
    environment = {
      KUBECONFIG = kind_cluster.this.kubeconfig_path
    }
  }
}
