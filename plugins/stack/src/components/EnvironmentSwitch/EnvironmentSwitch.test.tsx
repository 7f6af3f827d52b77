import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EnvironmentSwitch } from './EnvironmentSwitch';

describe('EnvironmentSwitch', () => {
  it('lists dev, stage and prod in order and marks the selected one', async () => {
    await renderInTestApp(
      <EnvironmentSwitch value="stage" onChange={jest.fn()} />,
    );
    const buttons = screen.getAllByRole('button');
    expect(buttons.map(b => b.textContent)).toEqual(['dev', 'stage', 'prod']);
    expect(screen.getByRole('button', { name: 'stage' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('reports a new environment, and ignores a click on the selected one', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <EnvironmentSwitch value="dev" onChange={onChange} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'prod' }));
    await userEvent.click(screen.getByRole('button', { name: 'dev' }));
    expect(onChange.mock.calls).toEqual([['prod']]);
  });
});
