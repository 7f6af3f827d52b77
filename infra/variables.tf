variable "cluster_name" {
  description = "Name of the kind cluster (also the kubeconfig context, kind-<name>)."
  type        = string
  default     = "idp"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be a DNS label of at most 32 characters (lowercase letters, digits, '-')."
  }
}

variable "node_image" {
  description = "kindest/node image for every node; pin a digest for reproducible clusters."
  type        = string
  default     = "kindest/node:v1.33.1"

  validation {
    condition     = can(regex("^kindest/node:v1\\.(2[89]|3[0-9])\\.[0-9]+(@sha256:[a-f0-9]{64})?$", var.node_image))
    error_message = "node_image must be kindest/node:v1.<28-39>.<patch>, optionally with @sha256:<digest>."
  }
}

variable "listen_address" {
  description = "Host address the ingress ports bind to (127.0.0.1 keeps the cluster private to this machine)."
  type        = string
  default     = "127.0.0.1"

  validation {
    condition     = can(cidrhost("${var.listen_address}/32", 0))
    error_message = "listen_address must be an IPv4 address such as 127.0.0.1 or 0.0.0.0."
  }
}

variable "http_host_port" {
  description = "Host port mapped to port 80 (Traefik) of the platform node."
  type        = number
  default     = 8880

  validation {
    condition     = var.http_host_port >= 1024 && var.http_host_port <= 65535 && floor(var.http_host_port) == var.http_host_port
    error_message = "http_host_port must be an unprivileged port, 1024-65535."
  }
}

variable "https_host_port" {
  description = "Host port mapped to port 443 (Traefik) of the platform node."
  type        = number
  default     = 8843

  validation {
    condition     = var.https_host_port >= 1024 && var.https_host_port <= 65535 && floor(var.https_host_port) == var.https_host_port
    error_message = "https_host_port must be an unprivileged port, 1024-65535."
  }

  validation {
    condition     = var.https_host_port != var.http_host_port
    error_message = "https_host_port must differ from http_host_port."
  }
}

variable "kubeconfig_path" {
  description = "Where kind writes the cluster's kubeconfig; empty = ~/.kube/kind-<cluster_name>."
  type        = string
  default     = ""

  validation {
    condition     = var.kubeconfig_path == "" || can(regex("^[~/.]", var.kubeconfig_path))
    error_message = "kubeconfig_path must be empty or a path starting with ~, / or . (e.g. ~/.kube/idp)."
  }
}

variable "argocd_chart_version" {
  description = "Version of the argo-cd Helm chart (argoproj/argo-helm)."
  type        = string
  default     = "8.3.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.argocd_chart_version))
    error_message = "argocd_chart_version must be an exact chart version such as 8.3.0 (no ranges: the install must be reproducible)."
  }
}

variable "bootstrap_root_app" {
  description = "Apply argocd/bootstrap (the root app-of-apps) once Argo CD is up; needs kubectl on PATH."
  type        = bool
  default     = true
}
