import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { EmptyNotice } from '../EmptyNotice';
import { Notice } from '../Notice';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { loadSystemMembers } from '../../lib/systemMembers';
import { annotation } from '../../lib/annotations';
import { ANNOTATIONS } from '@idp-stack/plugin-stack-common';
import { useStackHealthBatch } from '../../hooks/useStackHealthBatch';
import { HealthMatrix, HealthMatrixRow } from '../HealthMatrix';
import { StaleNotice } from '../StaleNotice';
import { EnvironmentActions } from '../EnvironmentActions';

const MISSING_SELECTOR = `Add the annotation ${ANNOTATIONS.argocdAppSelector}: idp.platform/repo=<repo> to catalog-info.yaml (stack:catalog-info writes it).`;

/** Deployable services of a system, or the entity itself. */
function useServices(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  return useAsync(async () => {
    if (!isSystem) return [entity];
    const members = await loadSystemMembers(catalogApi, entity);
    return members.filter(
      m => m.kind.toLocaleLowerCase('en-US') === 'component',
    );
  }, [catalogApi, entity, isSystem]);
}

/**
 * Health tab: every service of the system (or this component) × dev/stage/prod.
 * One batch request; stale sources and missing annotations are spelled out.
 */
export function EntityHealthContent() {
  const { entity } = useEntity();
  const services = useServices(entity);
  const annotated = useMemo(
    () =>
      (services.value ?? []).filter(s =>
        annotation(s, ANNOTATIONS.argocdAppSelector),
      ),
    [services.value],
  );
  const refs = useMemo(
    () => annotated.map(s => stringifyEntityRef(s)),
    [annotated],
  );
  const batch = useStackHealthBatch(refs);

  if (services.loading || (refs.length > 0 && batch.loading))
    return <Progress />;
  if (services.error) {
    return (
      <Notice
        severity="error"
        title="Could not load the services from the catalog"
        message={services.error.message}
      />
    );
  }
  if (annotated.length === 0) {
    return (
      <EmptyNotice
        title="No deployment health for this entity"
        description={MISSING_SELECTOR}
        missing="field"
      />
    );
  }
  if (batch.error) {
    return (
      <Notice
        severity="error"
        title="Could not load health from the stack backend"
        message={batch.error.message}
      />
    );
  }
  const result = batch.value!;
  if (result.instances.length === 0) {
    return (
      <EmptyNotice
        title="No Argo CD instance configured"
        description="Add an Argo CD instance to app-config.yaml under stack.argocd.instances: name, url and token (an API token of a read-only account), or username and password instead of token. For example: stack.argocd.instances: [{ name: main, url: ${ARGOCD_URL}, token: ${ARGOCD_TOKEN} }]."
      />
    );
  }
  const rows: HealthMatrixRow[] = annotated.map((s, i) => ({
    entityRef: refs[i],
    title: s.metadata.title ?? s.metadata.name,
    health: result.health.get(refs[i]),
    error: result.errors.get(refs[i]),
    repoSlug: annotation(s, ANNOTATIONS.projectSlug),
  }));
  const unannotated = (services.value ?? []).length - annotated.length;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <StaleNotice instances={result.instances} />
      <HealthMatrix
        rows={rows}
        cellActions={(row, env) => (
          <EnvironmentActions entityRef={row.entityRef} environment={env} />
        )}
      />
      {unannotated > 0 ? (
        <Notice
          severity="info"
          title={`${unannotated} component${
            unannotated === 1 ? '' : 's'
          } of this system ${unannotated === 1 ? 'has' : 'have'} no ${
            ANNOTATIONS.argocdAppSelector
          } annotation and ${unannotated === 1 ? 'is' : 'are'} not shown.`}
        />
      ) : null}
    </Box>
  );
}
