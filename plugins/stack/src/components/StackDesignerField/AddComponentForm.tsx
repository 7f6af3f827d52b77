import { useState } from 'react';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import {
  COMPONENT_TYPES,
  type ComponentType,
} from '@idp-stack/plugin-stack-common';
import { useRowStyles } from './useRowStyles';

/** Name and type of a new component; Enter in the name adds it too. */
export function AddComponentForm({
  idPrefix,
  onAdd,
}: {
  idPrefix: string;
  onAdd: (name: string, type: ComponentType) => void;
}) {
  const classes = useRowStyles();
  const [name, setName] = useState('');
  const [type, setType] = useState<ComponentType>('nodejs');
  const add = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    onAdd(trimmed, type);
    setName('');
  };
  return (
    <div className={classes.row} role="group" aria-label="Add a component">
      <TextField
        id={`${idPrefix}-new-name`}
        label="Name"
        size="small"
        variant="outlined"
        value={name}
        onChange={e => setName(e.target.value)}
        onKeyDown={e => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
      />
      <TextField
        id={`${idPrefix}-new-type`}
        label="Type"
        select
        size="small"
        variant="outlined"
        // Native select: keyboard and browser-test friendly, same look.
        SelectProps={{ native: true }}
        value={type}
        onChange={e => setType(e.target.value as ComponentType)}
      >
        {COMPONENT_TYPES.map(t => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </TextField>
      <Button
        variant="outlined"
        color="primary"
        onClick={add}
        disabled={!name.trim()}
      >
        Add component
      </Button>
    </div>
  );
}
