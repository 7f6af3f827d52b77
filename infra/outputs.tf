output "kubeconfig_path" {
  description = "Kubeconfig of the cluster: export KUBECONFIG=<this>."
  value       = kind_cluster.this.kubeconfig_path
}

output "cluster_name" {
  description = "Name of the kind cluster (kubectl context kind-<name>)."
  value       = kind_cluster.this.name
}

output "api_endpoint" {
  description = "Kubernetes API server URL."
  value       = kind_cluster.this.endpoint
}

output "portal_url" {
  description = "The portal through Traefik on the platform node."
  value       = "http://portal.localhost:${var.http_host_port}"
}

output "argocd_url" {
  description = "The Argo CD UI through Traefik."
  value       = "http://argocd.localhost:${var.http_host_port}"
}
