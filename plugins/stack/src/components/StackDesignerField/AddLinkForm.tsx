import { useState } from 'react';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useRowStyles } from './useRowStyles';

/** A link from a component to a component or sub-component (`db/app`). */
export function AddLinkForm({
  idPrefix,
  names,
  targets,
  onAdd,
}: {
  idPrefix: string;
  /** Components a link may start at. */
  names: string[];
  /** Everything a link may point at. */
  targets: string[];
  onAdd: (from: string, to: string) => void;
}) {
  const classes = useRowStyles();
  const [linkFrom, setLinkFrom] = useState('');
  const [linkTo, setLinkTo] = useState('');
  const from = linkFrom || names[0] || '';
  const to = linkTo || targets.find(t => t !== from) || '';
  const select = (
    id: string,
    label: string,
    value: string,
    options: string[],
    onChange: (v: string) => void,
  ) => (
    <TextField
      id={`${idPrefix}-${id}`}
      label={label}
      select
      size="small"
      variant="outlined"
      SelectProps={{ native: true }}
      value={value}
      onChange={e => onChange(e.target.value)}
    >
      {options.map(o => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </TextField>
  );
  return (
    <div className={classes.row} role="group" aria-label="Add a link">
      {select('link-from', 'From', from, names, setLinkFrom)}
      {select('link-to', 'To', to, targets, setLinkTo)}
      <Button
        variant="outlined"
        color="primary"
        onClick={() => from && to && onAdd(from, to)}
        disabled={names.length === 0}
      >
        Add link
      </Button>
    </div>
  );
}
