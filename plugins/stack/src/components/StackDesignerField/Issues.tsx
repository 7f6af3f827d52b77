import { makeStyles } from '@material-ui/core/styles';
import type { StackIssue } from '@idp-stack/plugin-stack-common';

const useStyles = makeStyles(theme => ({
  error: {
    color: theme.palette.error.main,
    fontSize: theme.typography.caption.fontSize,
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2),
  },
}));

/** Issues of the design whose path is `prefix` or lies under it. */
export function issuesAt(issues: StackIssue[], prefix: string) {
  return issues.filter(
    i =>
      i.path === prefix ||
      i.path.startsWith(`${prefix}.`) ||
      i.path.startsWith(`${prefix}[`),
  );
}

/** The rules a part of the design breaks, each with its rule name (`role=alert`). */
export function Issues({ issues, id }: { issues: StackIssue[]; id: string }) {
  const classes = useStyles();
  if (issues.length === 0) return null;
  return (
    <ul className={classes.error} id={id} role="alert">
      {issues.map(i => (
        <li key={`${i.path}|${i.message}`}>{`${i.message} [${i.rule}]`}</li>
      ))}
    </ul>
  );
}
