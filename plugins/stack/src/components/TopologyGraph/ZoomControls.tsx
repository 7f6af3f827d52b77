import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';

export interface ZoomControlsProps {
  zoomBy: (factor: number) => void;
  reset: () => void;
}

/** Buttons for what the wheel and a drag do, for keyboard and touchpad users. */
export function ZoomControls({ zoomBy, reset }: ZoomControlsProps) {
  return (
    <ButtonGroup size="small" variant="outlined" role="group" aria-label="Zoom">
      <Button aria-label="Zoom in" onClick={() => zoomBy(1.25)}>
        +
      </Button>
      <Button aria-label="Zoom out" onClick={() => zoomBy(0.8)}>
        −
      </Button>
      <Button aria-label="Reset view" onClick={reset}>
        Reset
      </Button>
    </ButtonGroup>
  );
}
