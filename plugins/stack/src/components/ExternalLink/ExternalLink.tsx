import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  link: {
    color: theme.palette.primary.main,
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
}));

export interface ExternalLinkProps {
  href: string;
  children: ReactNode;
  /** Accessible name when the visible text is terse (a short SHA). */
  label?: string;
}

/** A link to GitHub or Argo CD: opens a new tab, says so to screen readers. */
export function ExternalLink({ href, children, label }: ExternalLinkProps) {
  const classes = useStyles();
  return (
    <a
      className={classes.link}
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={label ? `${label} (opens in a new tab)` : undefined}
    >
      {children}
    </a>
  );
}
