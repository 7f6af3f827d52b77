import { ServiceUnavailableError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ArgocdTarget,
  refreshApplicationSet,
} from '../argocd/refreshApplicationSet';
import { examples } from './argocdRefresh.examples';

/**
 * `idp:argocd:refresh`: the SCM Provider generator has no webhook (argo-cd
 * #15591), so after publishing we set the refresh annotation on the
 * ApplicationSet and the controller looks for new repositories at once.
 */
export function createArgocdRefreshAction(options: {
  target: ArgocdTarget | undefined;
}) {
  const { target } = options;
  return createTemplateAction({
    id: 'idp:argocd:refresh',
    description:
      'Makes the Argo CD ApplicationSet re-run its SCM Provider generator now (annotation argocd.argoproj.io/application-set-refresh); a no-op when idp.argocd.cluster is not configured',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repo: z =>
          z
            .string()
            .optional()
            .describe('Repository just published (only for the log line)'),
      },
      output: {
        refreshed: z =>
          z.boolean().describe('Whether the ApplicationSet was annotated'),
      },
    },
    async handler(ctx) {
      const what = ctx.input.repo ? ` to pick up ${ctx.input.repo}` : '';
      if (!target) {
        ctx.logger.info(
          `idp.argocd.cluster is not configured; Argo CD will find new repositories${what} at its next requeue`,
        );
        ctx.output('refreshed', false);
        return;
      }
      const name = `${target.namespace}/${target.applicationSet}`;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would refresh ApplicationSet ${name} on ${target.server}${what}`,
        );
        ctx.output('refreshed', false);
        return;
      }
      await ctx.checkpoint({
        key: `idp:argocd:refresh:v1:${name}`,
        fn: async () => {
          try {
            await refreshApplicationSet(target);
          } catch (error) {
            const code = (error as { code?: number }).code;
            throw new ServiceUnavailableError(
              `Could not refresh ApplicationSet ${name} on ${target.server}${
                code ? ` (HTTP ${code})` : ''
              }: ${(error as Error).message}`,
            );
          }
        },
      });
      ctx.logger.info(`Refreshed ApplicationSet ${name}${what}`);
      ctx.output('refreshed', true);
    },
  });
}
