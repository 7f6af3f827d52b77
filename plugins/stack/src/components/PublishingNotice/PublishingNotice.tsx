import { Link, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { stackApiRef } from '../../api/stackApiRef';
import { Notice } from '../Notice';

/** The scaffolder's template editor, where a template runs as a dry run. */
export const TEMPLATE_EDITOR_PATH = '/create/edit';

/**
 * `ui:field: StackPublishingNotice`, on the first page of every golden path:
 * says before anything is filled in that publishing will fail without a
 * GitHub integration, and where to try the template without publishing.
 * Renders nothing once `integrations.github` has a token or a GitHub App
 * (asked from the stack backend's `GET /capabilities`; credentials stay there).
 */
export function PublishingNotice() {
  const api = useApi(stackApiRef);
  const capabilities = useAsync(() => api.getCapabilities(), [api]);
  if (capabilities.loading) return null;
  if (capabilities.error) {
    return (
      <Notice
        title="Could not check whether publishing to GitHub is configured"
        message={capabilities.error.message}
      />
    );
  }
  if (capabilities.value!.publishing.githubHosts.length > 0) return null;
  return (
    <div data-testid="stack-publishing-notice" data-severity="info">
      <WarningPanel
        severity="info"
        title="Publishing needs a GitHub integration"
        defaultExpanded
      >
        <Typography variant="body2">
          This portal has no GitHub credentials, so the last steps (create the
          repository, push, register it in the catalog) would fail. Set{' '}
          <code>integrations.github[].token</code> (the{' '}
          <code>GITHUB_TOKEN</code> environment variable) or{' '}
          <code>integrations.github[].apps</code> in app-config.yaml. Until
          then, try this template as a dry run in the{' '}
          <Link to={TEMPLATE_EDITOR_PATH}>template editor</Link>: it runs every
          step without publishing and lists the files it would push.
        </Typography>
      </WarningPanel>
    </div>
  );
}
