import Box from '@material-ui/core/Box';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { stackApiRef } from '../../api/stackApiRef';
import { annotation } from '../../lib/annotations';
import { ANNOTATIONS } from '@idp-stack/plugin-stack-common';
import { formatAge } from '../../lib/formatAge';
import { BuildsTable } from '../BuildsTable';
import { OpenPromotions } from '../BuildsTable/OpenPromotions';
import { EmptyNotice } from '../EmptyNotice';
import { Notice } from '../Notice';

/** Builds tab: the repository's recent workflow runs via the stack backend (no browser GitHub token). */
export function EntityBuildsContent() {
  const { entity } = useEntity();
  const api = useApi(stackApiRef);
  const slug = annotation(entity, ANNOTATIONS.projectSlug);
  const entityRef = stringifyEntityRef(entity);
  const builds = useAsync(
    async () => (slug ? api.getBuilds(entityRef) : undefined),
    [api, entityRef, slug],
  );
  const promotions = useAsync(
    async () =>
      slug && api.getPromotions ? api.getPromotions(entityRef) : undefined,
    [api, entityRef, slug],
  );

  if (!slug) {
    return (
      <EmptyNotice
        title="No builds for this entity"
        description={`Add the annotation ${ANNOTATIONS.projectSlug}: <org>/<repo> to catalog-info.yaml (stack:catalog-info writes it).`}
        missing="field"
      />
    );
  }
  if (builds.loading) return <Progress />;
  if (builds.error) {
    return (
      <Notice
        severity="error"
        title="Could not load builds from the stack backend"
        message={builds.error.message}
      />
    );
  }
  const value = builds.value!;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      {value.stale || value.error ? (
        <Notice
          data-testid="stack-stale-notice"
          title={
            value.stale
              ? `Builds are stale (${formatAge(value.stale.ageSeconds)} old)`
              : 'Builds could not be refreshed'
          }
          message={value.error?.message}
        />
      ) : null}
      {value.runs.length === 0 ? (
        <EmptyNotice
          title="No workflow runs yet"
          missing="data"
          description={`GitHub Actions has no runs for ${value.repository}${
            value.component ? ` matching component ${value.component}` : ''
          }. Push to the repository to start one.`}
        />
      ) : (
        <BuildsTable builds={value} entityRef={entityRef} />
      )}
      {promotions.value ? (
        <OpenPromotions promotions={promotions.value} />
      ) : null}
    </Box>
  );
}
