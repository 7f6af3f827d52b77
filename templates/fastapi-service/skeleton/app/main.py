"""${{ values.name }}: FastAPI service with health, readiness, metrics and JSON logs."""
import asyncio
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.logs import configure_logging
from app.metrics import Metrics, MetricsMiddleware

SERVICE = ${{ values.name | dump }}


def create_app(drain_seconds: float | None = None) -> FastAPI:
    logger = configure_logging(SERVICE)
    metrics = Metrics()
    state = {"ready": True}
    drain = float(os.environ.get("SHUTDOWN_DRAIN_SECONDS", "5")) if drain_seconds is None else drain_seconds

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        logger.info("started")
        yield
        # uvicorn calls this on SIGTERM after it stops accepting connections and
        # in-flight requests finish; readiness already fails via begin_shutdown.
        state["ready"] = False
        logger.info("shutting down", extra={"fields": {"drain_seconds": drain}})

    app = FastAPI(title=SERVICE, lifespan=lifespan)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.state.metrics = metrics
    app.state.logger = logger

    async def begin_shutdown() -> None:
        """Fail readiness first so Kubernetes stops routing, then let traffic drain."""
        state["ready"] = False
        logger.info("draining", extra={"fields": {"drain_seconds": drain}})
        await asyncio.sleep(drain)

    app.state.begin_shutdown = begin_shutdown

    @app.get("/health")
    async def health() -> dict:
        return {"status": "ok"}

    @app.get("/ready")
    async def ready(response: Response) -> dict:
        if not state["ready"]:
            response.status_code = 503
            return {"status": "shutting down"}
        return {"status": "ready"}

    @app.get("/metrics")
    async def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/")
    async def root() -> dict:
        logger.info("hello")
        return {"service": SERVICE}

    return app


app = create_app()
