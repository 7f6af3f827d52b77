import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';

export interface ExternalLinkProps {
  href: string;
  children: ReactNode;
  /** Accessible name when the visible text is terse (a short SHA). */
  label?: string;
}

/**
 * A link to GitHub or Argo CD through Backstage's `Link`: for an https URL it
 * opens a new tab (`target=_blank`; we add `noreferrer`), tells screen readers so
 * (", Opens in a new window") and records the click with the analytics API.
 */
export function ExternalLink({ href, children, label }: ExternalLinkProps) {
  return (
    <Link to={href} aria-label={label} rel="noopener noreferrer">
      {children}
    </Link>
  );
}
