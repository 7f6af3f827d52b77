import { trace } from '@opentelemetry/api';

/**
 * One JSON object per line, with the active trace and span ids so logs and
 * traces can be joined in the backend.
 */
export function createLogger({ service, write = line => process.stdout.write(line) }) {
  const log = level => (message, fields = {}) => {
    const span = trace.getActiveSpan()?.spanContext();
    write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        level,
        service,
        message,
        ...(span ? { trace_id: span.traceId, span_id: span.spanId } : {}),
        ...fields,
      })}\n`,
    );
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
