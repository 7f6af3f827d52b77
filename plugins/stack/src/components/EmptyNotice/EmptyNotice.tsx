import Typography from '@material-ui/core/Typography';
import { EmptyState } from '@backstage/core-components';

export interface EmptyNoticeProps {
  title: string;
  /** What is missing and where to add it: an annotation, a config key. */
  description: string | JSX.Element;
  /**
   * Which of Backstage's illustrations: `field` for a missing annotation,
   * `info` for missing configuration or data, `data` for nothing yet.
   */
  missing?: 'field' | 'info' | 'data';
  /** Inside a card: title and text only, no illustration. */
  compact?: boolean;
}

/**
 * The plugin's one empty state: Backstage's `EmptyState` naming the missing
 * annotation or config (`compact` in cards). A region named by its title.
 */
export function EmptyNotice({
  title,
  description,
  missing = 'info',
  compact,
}: EmptyNoticeProps) {
  return (
    <section aria-label={title} data-testid="stack-empty">
      {compact ? (
        <>
          <Typography variant="subtitle1" component="h2">
            {title}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {description}
          </Typography>
        </>
      ) : (
        <EmptyState title={title} description={description} missing={missing} />
      )}
    </section>
  );
}
