import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(3),
    border: `1px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

export interface EmptyNoticeProps {
  title: string;
  /** What is missing and where to add it: an annotation, a config key. */
  description: string;
}

/**
 * An empty state that names the missing annotation or config. Plain (no
 * lazily loaded illustration) so it renders at once and never suspends.
 */
export function EmptyNotice({ title, description }: EmptyNoticeProps) {
  const classes = useStyles();
  return (
    <section className={classes.root} aria-label={title} data-testid="stack-empty">
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      <Typography variant="body2">{description}</Typography>
    </section>
  );
}
