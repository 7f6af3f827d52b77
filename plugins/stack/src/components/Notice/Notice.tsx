import { WarningPanel } from '@backstage/core-components';

export interface NoticeProps {
  severity?: 'error' | 'warning' | 'info';
  /** The sentence shown in the panel's header ("Warning: <title>"). */
  title: string;
  /** The detail (an upstream's message), open from the start. */
  message?: string;
  'data-testid'?: string;
}

/**
 * Backstage's `WarningPanel` (`role=alert`), opened so the detail is read
 * at once. `data-severity` lets the browser tests tell errors from warnings.
 */
export function Notice({
  severity = 'warning',
  title,
  message,
  'data-testid': testId = 'stack-notice',
}: NoticeProps) {
  return (
    <div data-testid={testId} data-severity={severity}>
      <WarningPanel
        severity={severity}
        title={title}
        message={message}
        defaultExpanded={Boolean(message)}
      />
    </div>
  );
}
