import asyncio
import io
import json

from fastapi.testclient import TestClient
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from app.logs import configure_logging
from app.main import create_app


def test_health_and_ready():
    client = TestClient(create_app())
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/ready").status_code == 200


def test_metrics_count_and_time_requests_by_route():
    client = TestClient(create_app())
    client.get("/")
    client.get("/no/such/path")
    text = client.get("/metrics").text
    assert 'http_requests_total{method="GET",route="/",status="200"} 1.0' in text
    assert 'http_requests_total{method="GET",route="unmatched",status="404"} 1.0' in text
    assert "http_request_duration_seconds_bucket" in text


def test_logs_are_json_with_trace_ids():
    stream = io.StringIO()
    logger = configure_logging("test", stream)
    ctx = SpanContext(trace_id=0x0AF7651916CD43DD8448EB211C80319C, span_id=0xB7AD6B7169203331, is_remote=False, trace_flags=TraceFlags(1))
    with trace.use_span(NonRecordingSpan(ctx)):
        logger.info("traced")
    logger.info("plain")
    traced, plain = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert traced["trace_id"] == "0af7651916cd43dd8448eb211c80319c"
    assert traced["span_id"] == "b7ad6b7169203331"
    assert "trace_id" not in plain and plain["level"] == "info"


def test_readiness_fails_as_soon_as_shutdown_begins():
    app = create_app(drain_seconds=0)
    client = TestClient(app)
    asyncio.run(app.state.begin_shutdown())
    assert client.get("/ready").status_code == 503
    assert client.get("/health").status_code == 200
