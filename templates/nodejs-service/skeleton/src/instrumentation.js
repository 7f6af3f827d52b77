// Loaded with `node --import` before the service: OpenTelemetry auto-instrumentation
// (http, dns, pg, amqplib, ioredis, …) exporting OTLP to OTEL_EXPORTER_OTLP_ENDPOINT.
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({
  serviceName: process.env.OTEL_SERVICE_NAME ?? '${{ values.name }}',
  traceExporter: new OTLPTraceExporter(),
  instrumentations: [
    getNodeAutoInstrumentations({
      // fs spans are noise for an HTTP service
      '@opentelemetry/instrumentation-fs': { enabled: false },
    }),
  ],
});
sdk.start();
process.once('beforeExit', () => sdk.shutdown());
