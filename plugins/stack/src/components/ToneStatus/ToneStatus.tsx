import { ComponentType, PropsWithChildren } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { Tone } from '../../lib/healthTone';

/** Backstage's status indicator per tone: its icon in the theme's status colour. */
const STATUS: Record<Tone, ComponentType<PropsWithChildren<{}>>> = {
  ok: StatusOK,
  progress: StatusRunning,
  warning: StatusWarning,
  error: StatusError,
  unknown: StatusAborted,
};

/** Text after the status icon of a tone (Backstage's `StatusOK`, `StatusError`, …). */
export function ToneStatus({
  tone,
  children,
}: PropsWithChildren<{ tone: Tone }>) {
  const Status = STATUS[tone];
  return <Status>{children}</Status>;
}
