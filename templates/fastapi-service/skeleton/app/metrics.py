"""Prometheus RED metrics, labelled by route template (bounded cardinality)."""
import time

from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        labels = ["method", "route", "status"]
        self.duration = Histogram(
            "http_request_duration_seconds",
            "Duration of HTTP requests in seconds",
            labels,
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
        )
        self.requests = Counter(
            "http_requests", "HTTP requests handled", labels, registry=self.registry
        )


class MetricsMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, metrics: Metrics) -> None:
        super().__init__(app)
        self.metrics = metrics

    async def dispatch(self, request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        labels = (request.method, route.path if route else "unmatched", str(response.status_code))
        self.metrics.requests.labels(*labels).inc()
        self.metrics.duration.labels(*labels).observe(time.perf_counter() - start)
        return response
