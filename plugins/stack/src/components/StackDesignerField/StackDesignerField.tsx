import { useEffect, useMemo, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  COMPONENT_TYPES,
  generateManifests,
  serializeStack,
  validateStack,
  type ComponentType,
  type StackIssue,
} from '@internal/plugin-stack-common';
import {
  DEFAULT_DESIGN,
  DesignMetadata,
  linkTargets,
  newComponent,
  StackDesign,
  toStack,
} from '../../lib/stackDesign';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
  input: {
    font: 'inherit',
    padding: theme.spacing(0.5, 1),
    color: theme.palette.text.primary,
    background: theme.palette.background.paper,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  button: {
    font: 'inherit',
    padding: theme.spacing(0.5, 1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    cursor: 'pointer',
  },
  error: { color: theme.palette.error.main, fontSize: theme.typography.caption.fontSize, margin: 0 },
  preview: { display: 'grid', gridTemplateColumns: 'minmax(200px, 1fr) 3fr', gap: theme.spacing(1) },
  files: { maxHeight: 360, overflow: 'auto' },
  code: {
    margin: 0,
    maxHeight: 360,
    overflow: 'auto',
    padding: theme.spacing(1),
    fontSize: 12,
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
  },
}));

function issuesAt(issues: StackIssue[], prefix: string) {
  return issues.filter(i => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`));
}

function Issues({ issues, id }: { issues: StackIssue[]; id: string }) {
  const classes = useStyles();
  if (issues.length === 0) return null;
  return (
    <ul className={classes.error} id={id} role="alert">
      {issues.map(i => (
        <li key={`${i.path}|${i.message}`}>{`${i.message} [${i.rule}]`}</li>
      ))}
    </ul>
  );
}

/** Reads the stack's name/system/owner from the form's other fields. */
function metadataOf(formContext: unknown): DesignMetadata {
  const data = (formContext as { formData?: Record<string, unknown> } | undefined)?.formData ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { name: str(data.name), system: str(data.system), owner: str(data.owner) };
}

/**
 * `ui:field: StackDesigner`: add components and links, checked live with
 * the shared stack model (issues shown at the row they concern), and a
 * preview of stack.yaml and every generated manifest, made in the browser.
 */
export function StackDesignerField(props: FieldExtensionComponentProps<StackDesign>) {
  const { formData, onChange, formContext, rawErrors, idSchema, schema } = props;
  const classes = useStyles();
  // A template's own `default` (e.g. an empty design added to a golden path)
  // wins over the designer's starting design; the form does not always pass
  // it down as formData.
  const templateDefault = schema?.default as StackDesign | undefined;
  const initial = templateDefault?.components ? templateDefault : DEFAULT_DESIGN;
  const design: StackDesign = formData?.components ? formData : initial;
  const meta = metadataOf(formContext);
  const base = idSchema?.$id ?? 'stack-designer';

  // Submit the default design too, so an untouched field is not empty.
  useEffect(() => {
    if (!formData?.components) onChange(initial);
  }, [formData, onChange, initial]);

  const [newName, setNewName] = useState('');
  const [newType, setNewType] = useState<ComponentType>('nodejs');
  const [linkFrom, setLinkFrom] = useState('');
  const [linkTo, setLinkTo] = useState('');
  const [openFile, setOpenFile] = useState('stack.yaml');

  const result = useMemo(() => validateStack(toStack(meta, design)), [meta.name, meta.system, meta.owner, design]); // eslint-disable-line react-hooks/exhaustive-deps
  // An empty design (an optional field left empty) is not an error.
  const empty = design.components.length === 0 && design.links.length === 0;
  const issues = result.ok || empty ? [] : result.issues;
  const files = useMemo(() => {
    if (!result.ok) return [];
    return [
      { path: 'stack.yaml', content: serializeStack(result.stack) },
      ...generateManifests(result.stack),
    ];
  }, [result]);
  const targets = linkTargets(design);
  const names = design.components.map(c => c.name);
  const shown = files.find(f => f.path === openFile) ?? files[0];

  const update = (next: Partial<StackDesign>) => onChange({ ...design, ...next });
  const addComponent = () => {
    const name = newName.trim();
    if (!name) return;
    update({ components: [...design.components, newComponent(name, newType)] });
    setNewName('');
  };
  const removeComponent = (index: number) => {
    const removed = design.components[index].name;
    update({
      components: design.components.filter((_, i) => i !== index),
      // A link to or from a removed component could never be valid.
      links: design.links.filter(
        l => l.from !== removed && l.to !== removed && !l.to.startsWith(`${removed}/`),
      ),
    });
  };
  const addLink = () => {
    const from = linkFrom || names[0];
    const to = linkTo || targets.find(t => t !== from);
    if (!from || !to) return;
    update({ links: [...design.links, { from, to }] });
  };

  return (
    <div className={classes.root} data-testid="stack-designer">
      <Typography variant="h6" component="h3">
        Components
      </Typography>
      <ul className={classes.list} aria-label="Components">
        {design.components.map((c, i) => {
          const own = issuesAt(issues, `spec.components[${i}]`);
          return (
            <li key={`${c.name}-${i}`}>
              <div className={classes.row}>
                <span>
                  <strong>{c.name}</strong> ({c.type})
                </span>
                <button
                  type="button"
                  className={classes.button}
                  aria-label={`Remove component ${c.name}`}
                  onClick={() => removeComponent(i)}
                >
                  Remove
                </button>
              </div>
              <Issues issues={own} id={`${base}-component-${i}-issues`} />
            </li>
          );
        })}
      </ul>
      <div className={classes.row} role="group" aria-label="Add a component">
        <label>
          Name{' '}
          <input
            className={classes.input}
            value={newName}
            onChange={e => setNewName(e.target.value)}
            onKeyDown={e => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addComponent();
              }
            }}
          />
        </label>
        <label>
          Type{' '}
          <select className={classes.input} value={newType} onChange={e => setNewType(e.target.value as ComponentType)}>
            {COMPONENT_TYPES.map(t => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={classes.button} onClick={addComponent} disabled={!newName.trim()}>
          Add component
        </button>
      </div>

      <Typography variant="h6" component="h3">
        Links
      </Typography>
      <ul className={classes.list} aria-label="Links">
        {design.links.map((l, i) => (
          <li key={`${l.from}->${l.to}-${i}`}>
            <div className={classes.row}>
              <span>
                {l.from} → {l.to}
              </span>
              <button
                type="button"
                className={classes.button}
                aria-label={`Remove link ${l.from} to ${l.to}`}
                onClick={() => update({ links: design.links.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </div>
            <Issues issues={issuesAt(issues, `spec.links[${i}]`)} id={`${base}-link-${i}-issues`} />
          </li>
        ))}
      </ul>
      <div className={classes.row} role="group" aria-label="Add a link">
        <label>
          From{' '}
          <select className={classes.input} value={linkFrom || names[0] || ''} onChange={e => setLinkFrom(e.target.value)}>
            {names.map(n => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          To{' '}
          <select className={classes.input} value={linkTo || targets.find(t => t !== (linkFrom || names[0])) || ''} onChange={e => setLinkTo(e.target.value)}>
            {targets.map(t => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={classes.button} onClick={addLink} disabled={names.length === 0}>
          Add link
        </button>
      </div>

      <Issues
        issues={issues.filter(i => !/^spec\.(components|links)\[/.test(i.path))}
        id={`${base}-issues`}
      />
      {rawErrors?.length ? (
        <ul className={classes.error} role="alert">
          {rawErrors.map(e => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}

      <Typography variant="h6" component="h3">
        Preview
      </Typography>
      {empty && (
        <Typography variant="body2" role="status">
          Nothing added: add a component to see the generated files.
        </Typography>
      )}
      {!empty && result.ok && (
        <div className={classes.preview}>
          <ul className={`${classes.list} ${classes.files}`} aria-label="Generated files">
            {files.map(f => (
              <li key={f.path}>
                <button
                  type="button"
                  className={classes.button}
                  aria-pressed={shown?.path === f.path}
                  onClick={() => setOpenFile(f.path)}
                >
                  {f.path}
                </button>
              </li>
            ))}
          </ul>
          <pre className={classes.code} aria-label={`Contents of ${shown?.path}`} data-testid="stack-designer-preview">
            {shown?.content}
          </pre>
        </div>
      )}
      {!empty && !result.ok && (
        <Typography variant="body2" role="status">
          Fix the {issues.length} issue{issues.length === 1 ? '' : 's'} above to see the generated files.
        </Typography>
      )}
    </div>
  );
}
