import { useState } from 'react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  preview: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 1fr) 2fr',
    gap: theme.spacing(1),
    [theme.breakpoints.down('sm')]: { gridTemplateColumns: '1fr' },
  },
  files: {
    maxHeight: 400,
    overflow: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  file: { wordBreak: 'break-all' },
  code: {
    margin: 0,
    maxHeight: 400,
    overflow: 'auto',
    padding: theme.spacing(1, 1.5),
    fontSize: 12,
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
}));

/** The generated files: pick one on the left, read it on the right. */
export function DesignPreview({
  files,
}: {
  files: Array<{ path: string; content: string }>;
}) {
  const classes = useStyles();
  const [openFile, setOpenFile] = useState('stack.yaml');
  const shown = files.find(f => f.path === openFile) ?? files[0];
  return (
    <div className={classes.preview}>
      <List
        dense
        disablePadding
        className={classes.files}
        aria-label="Generated files"
      >
        {files.map(f => (
          <li key={f.path}>
            <ListItem
              button
              component="button"
              selected={shown?.path === f.path}
              aria-pressed={shown?.path === f.path}
              onClick={() => setOpenFile(f.path)}
            >
              <ListItemText
                primary={f.path}
                primaryTypographyProps={{
                  variant: 'body2',
                  className: classes.file,
                }}
              />
            </ListItem>
          </li>
        ))}
      </List>
      <pre
        className={classes.code}
        aria-label={`Contents of ${shown?.path}`}
        data-testid="stack-designer-preview"
      >
        {shown?.content}
      </pre>
    </div>
  );
}
