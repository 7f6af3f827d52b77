import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { stackApiRef } from '../../api/stackApiRef';
import { Notice } from '../Notice';

/**
 * Overview notice on a System or Component: why its repository (or one of
 * its system's repositories) deploys nothing or runs unmanaged, with the
 * fix link. Renders nothing when there is nothing loose or the backend
 * cannot say (the Health tab reports upstream trouble).
 */
export function EntityLooseStacksNotice() {
  const { entity } = useEntity();
  const api = useApi(stackApiRef);
  const ref = stringifyEntityRef(entity);
  const report = useAsync(() => api.getEntityLooseStacks(ref), [api, ref]);
  const items = report.value?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div data-testid="loose-stacks-notice">
      {items.map((item, i) => (
        <div key={i}>
          <Notice title={item.reason} data-testid="loose-stacks-reason" />
          {item.fix.url && <Link to={item.fix.url}>{item.fix.title}</Link>}
        </div>
      ))}
    </div>
  );
}
