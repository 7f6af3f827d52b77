import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { EmptyNotice } from '../EmptyNotice';
import { Notice } from '../Notice';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { buildTopology, TopologyNode } from '../../lib/topology';
import { mergeStackTopology } from '../../lib/mergeStackTopology';
import { loadStackSources } from '../../lib/loadStackSources';
import { stackApiRef } from '../../api/stackApiRef';
import { StackFileNotice } from '../StackFileNotice';
import { deployableRefs, loadSystemMembers } from '../../lib/systemMembers';
import { nodeHealthIn } from '../../lib/nodeHealth';
import { useStackHealthBatch } from '../../hooks/useStackHealthBatch';
import { EditStackButton } from '../EditStackButton';
import { EnvironmentSwitch } from '../EnvironmentSwitch';
import { StaleNotice } from '../StaleNotice';
import { NodeHealth, TopologyGraph } from '../TopologyGraph';

/**
 * Topology tab of a System or Component: the system's parts and their
 * relations as a graph, every node coloured by its health in the selected
 * environment (one catalog request, one health batch request), plus the
 * sub-components and link details of the repo's stack.yaml (one request per
 * repo) once they arrive.
 */
export function EntityTopologyContent() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const stackApi = useApi(stackApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const navigate = useNavigate();
  const [environment, setEnvironment] = useState('dev');

  const members = useAsync(
    () => loadSystemMembers(catalogApi, entity),
    [catalogApi, entity],
  );
  const catalogTopology = useMemo(
    () => (members.value ? buildTopology(members.value) : undefined),
    [members.value],
  );
  // Health is asked for catalog entities only, without waiting for stack.yaml.
  const refs = useMemo(
    () => (catalogTopology ? deployableRefs(catalogTopology.nodes) : []),
    [catalogTopology],
  );
  const stacks = useAsync(
    async () =>
      members.value
        ? loadStackSources(stackApi, entity, members.value)
        : undefined,
    [stackApi, entity, members.value],
  );
  const topology = useMemo(
    () =>
      catalogTopology && stacks.value
        ? mergeStackTopology(catalogTopology, stacks.value.sources)
        : catalogTopology,
    [catalogTopology, stacks.value],
  );
  const batch = useStackHealthBatch(refs);

  const health = useMemo(() => {
    const out: Record<string, NodeHealth> = {};
    for (const ref of refs) {
      const h = nodeHealthIn(batch.value?.health.get(ref), environment);
      if (h) out[ref] = h;
    }
    return out;
  }, [refs, batch.value, environment]);

  const onOpen = useCallback(
    (node: TopologyNode) =>
      navigate(
        entityRoute({
          kind: node.kind.toLocaleLowerCase('en-US'),
          namespace: node.namespace,
          name: node.name,
        }),
      ),
    [navigate, entityRoute],
  );

  if (members.loading) return <Progress />;
  if (members.error) {
    return (
      <Notice
        severity="error"
        title="Could not load the system from the catalog"
        message={members.error.message}
      />
    );
  }
  if (!topology || topology.nodes.length === 0) {
    return (
      <EmptyNotice
        title="No parts in this system"
        description="Set spec.system on the system's components, resources and APIs (stack:catalog-info does this) to see them here."
      />
    );
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Box display="flex" alignItems="center" gridGap={16}>
        <EnvironmentSwitch value={environment} onChange={setEnvironment} />
        {batch.loading && (
          <Typography variant="body2" color="textSecondary" role="status">
            Loading health…
          </Typography>
        )}
        <Box flexGrow={1} />
        <EditStackButton entity={entity} />
      </Box>
      {batch.error && (
        <Notice
          title="Health is unavailable, showing relations only"
          message={batch.error.message}
        />
      )}
      {batch.value && <StaleNotice instances={batch.value.instances} />}
      {stacks.value && (
        <StackFileNotice unavailable={stacks.value.unavailable} />
      )}
      <TopologyGraph
        topology={topology}
        health={health}
        onOpen={onOpen}
        currentId={stringifyEntityRef(entity)}
      />
    </Box>
  );
}
