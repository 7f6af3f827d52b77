import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { ENVIRONMENTS } from '@idp-stack/plugin-stack-common';

export interface EnvironmentSwitchProps {
  value: string;
  onChange: (environment: string) => void;
  environments?: readonly string[];
}

/**
 * Picks the environment whose health is shown: MUI's exclusive toggle
 * buttons (`role=group`, each button `aria-pressed`); one always stays selected.
 */
export function EnvironmentSwitch({
  value,
  onChange,
  environments = ENVIRONMENTS,
}: EnvironmentSwitchProps) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      aria-label="Environment"
      // A click on the selected button yields null: keep the selection.
      onChange={(_, env: string | null) =>
        env && env !== value && onChange(env)
      }
    >
      {environments.map(env => (
        <ToggleButton key={env} value={env} style={{ textTransform: 'none' }}>
          {env}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
