import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import type { NodeCategory } from '../../lib/topology';
import { CATEGORY_LABELS } from './labels';

export interface KindFilterProps {
  categories: NodeCategory[];
  hidden: ReadonlySet<NodeCategory>;
  onToggle: (category: NodeCategory) => void;
}

/** A checkbox per kind present in the graph; unchecked kinds are not drawn. */
export function KindFilter({ categories, hidden, onToggle }: KindFilterProps) {
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">Show kinds</FormLabel>
      <FormGroup row>
        {categories.map(category => (
          <FormControlLabel
            key={category}
            label={CATEGORY_LABELS[category]}
            control={
              <Checkbox
                size="small"
                color="primary"
                checked={!hidden.has(category)}
                onChange={() => onToggle(category)}
              />
            }
          />
        ))}
      </FormGroup>
    </FormControl>
  );
}
