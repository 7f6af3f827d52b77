import type { Theme } from '@material-ui/core/styles';
import '@backstage/theme';
import type { Tone } from './healthTone';

/** The theme's status colour for a tone, so light and dark themes both work. */
export function toneColor(theme: Theme, tone: Tone): string {
  const status = theme.palette.status;
  switch (tone) {
    case 'ok':
      return status.ok;
    case 'progress':
      return status.running;
    case 'warning':
      return status.warning;
    case 'error':
      return status.error;
    default:
      return status.aborted;
  }
}
