import { makeStyles } from '@material-ui/core/styles';

/** One row of inputs and a button that wraps on narrow forms. */
export const useRowStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
    '& .MuiTextField-root': { minWidth: 140 },
  },
}));
