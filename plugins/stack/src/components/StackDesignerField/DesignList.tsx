import { ReactNode } from 'react';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import type { StackIssue } from '@idp-stack/plugin-stack-common';
import { Issues } from './Issues';

export interface DesignListItem {
  key: string;
  primary: ReactNode;
  secondary?: ReactNode;
  /** Rules this item breaks, shown under it, and the id of their list. */
  issues: StackIssue[];
  issuesId: string;
  removeLabel: string;
  onRemove: () => void;
}

/** The components or the links of the design under a heading, each removable, with its issues below it. */
export function DesignList({
  title,
  items,
  empty,
}: {
  /** Heading, and the list's accessible name. */
  title: string;
  items: DesignListItem[];
  empty: string;
}) {
  return (
    <section>
      <Typography variant="h6" component="h3">
        {title}
      </Typography>
      <List dense aria-label={title} disablePadding>
        {items.map(item => (
          <ListItem key={item.key} divider>
            <ListItemText
              primary={item.primary}
              secondary={
                <>
                  {item.secondary}
                  <Issues issues={item.issues} id={item.issuesId} />
                </>
              }
              secondaryTypographyProps={{ component: 'div' }}
            />
            <ListItemSecondaryAction>
              <IconButton
                edge="end"
                size="small"
                aria-label={item.removeLabel}
                onClick={item.onRemove}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            </ListItemSecondaryAction>
          </ListItem>
        ))}
      </List>
      {items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      ) : null}
    </section>
  );
}
