import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { toneColor } from '../../lib/toneColor';
import { TONE_LABELS } from './labels';

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
  },
}));

/** Node colours, then line styles; the stack.yaml line only when such parts are drawn. */
export function TopologyLegend({
  showStackParts,
}: {
  showStackParts: boolean;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const item = (text: string) => (
    <Typography component="li" variant="caption" color="textSecondary">
      {text}
    </Typography>
  );
  return (
    <ul className={classes.legend} aria-label="Legend">
      {TONE_LABELS.map(([tone, label]) => (
        <Typography key={tone} component="li" variant="caption">
          <span
            className={classes.swatch}
            style={{ background: toneColor(theme, tone) }}
            aria-hidden
          />
          {label}
        </Typography>
      ))}
      {item(
        'dashed line: API provided/consumed; solid: depends on / stack.yaml link, labelled with access and path prefix',
      )}
      {showStackParts &&
        item(
          'dotted line: database, queue, bucket of a component, or dead letters (stack.yaml); dotted outline: only in stack.yaml',
        )}
    </ul>
  );
}
