import { useEffect, useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  generateManifests,
  serializeStack,
  subComponentsOf,
  validateStack,
  type Stack,
} from '@idp-stack/plugin-stack-common';
import { Progress } from '@backstage/core-components';
import {
  DEFAULT_DESIGN,
  linkTargets,
  newComponent,
  StackDesign,
  stackOf,
} from '../../lib/stackDesign';
import { AddComponentForm } from './AddComponentForm';
import { AddLinkForm } from './AddLinkForm';
import { DesignList } from './DesignList';
import { DesignPreview } from './DesignPreview';
import { metadataOf } from './formMetadata';
import { Issues, issuesAt } from './Issues';
import { useStackToEdit } from './useStackToEdit';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  // Components and links side by side where the form is wide enough.
  parts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))',
    gap: theme.spacing(3),
  },
  raw: { color: theme.palette.error.main, margin: 0 },
}));

/**
 * `ui:field: StackDesigner`: add components and links, checked live with
 * the shared stack model (issues shown at the row they concern), and a
 * preview of stack.yaml and every generated manifest, made in the browser.
 * With `ui:options: { edit: true }` it opens on the current stack.yaml of
 * the entity in the form's `entityRef` field, every part of it editable or
 * kept (environment settings are kept as they are and shown in the preview).
 */
export function StackDesignerField(
  props: FieldExtensionComponentProps<StackDesign>,
) {
  const editing =
    (props.uiSchema?.['ui:options'] as { edit?: unknown } | undefined)?.edit ===
    true;
  return editing ? <EditedStack {...props} /> : <Designer {...props} />;
}

/** Edit mode: the designer once the entity's current stack is loaded. */
function EditedStack(props: FieldExtensionComponentProps<StackDesign>) {
  const { formData, onChange, formContext } = props;
  const entityRef = (
    formContext as { formData?: { entityRef?: unknown } } | undefined
  )?.formData?.entityRef;
  const ref =
    typeof entityRef === 'string' && entityRef ? entityRef : undefined;
  const loading = useStackToEdit(ref, formData, onChange);
  if (!ref) {
    return (
      <Typography variant="body2" role="status">
        Choose the service above to open its stack.
      </Typography>
    );
  }
  if (loading.error) {
    return (
      <Typography variant="body2" role="alert" color="error">
        Could not open the stack of {ref}: {loading.error.message}
      </Typography>
    );
  }
  if (!formData?.stack || !formData.baseSha) return <Progress />;
  return <Designer {...props} />;
}

function Designer(props: FieldExtensionComponentProps<StackDesign>) {
  const { formData, onChange, formContext, rawErrors, idSchema, schema } =
    props;
  const classes = useStyles();
  // A template's own `default` (e.g. an empty design added to a golden path)
  // wins over the designer's starting design; the form does not always pass
  // it down as formData.
  const templateDefault = schema?.default as StackDesign | undefined;
  const initial = templateDefault?.components
    ? templateDefault
    : DEFAULT_DESIGN;
  const design: StackDesign = formData?.components ? formData : initial;
  const meta = metadataOf(formContext);
  const base = idSchema?.$id ?? 'stack-designer';

  // Submit the default design too, so an untouched field is not empty.
  useEffect(() => {
    if (!formData?.components) onChange(initial);
  }, [formData, onChange, initial]);

  const result = useMemo(
    () => validateStack(stackOf(meta, design)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [meta.name, meta.system, meta.owner, design],
  );
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

  const update = (next: Partial<StackDesign>) => {
    const merged = { ...design, ...next };
    // An edited stack travels whole, with the design's components and links.
    onChange(
      merged.stack
        ? { ...merged, stack: stackOf(meta, merged) as Stack }
        : merged,
    );
  };
  const removeComponent = (index: number) => {
    const removed = design.components[index].name;
    update({
      components: design.components.filter((_, i) => i !== index),
      // A link to or from a removed component could never be valid.
      links: design.links.filter(
        l =>
          l.from !== removed &&
          l.to !== removed &&
          !l.to.startsWith(`${removed}/`),
      ),
    });
  };

  return (
    <div className={classes.root} data-testid="stack-designer">
      <div className={classes.parts}>
        <div>
          <DesignList
            title="Components"
            empty="No components yet."
            items={design.components.map((c, i) => ({
              key: `${c.name}-${i}`,
              primary: <strong>{c.name}</strong>,
              secondary: [
                c.type,
                ...subComponentsOf(c).map(sub => `${sub.kind} ${sub.name}`),
              ].join(' · '),
              issues: issuesAt(issues, `spec.components[${i}]`),
              issuesId: `${base}-component-${i}-issues`,
              removeLabel: `Remove component ${c.name}`,
              onRemove: () => removeComponent(i),
            }))}
          />
          <AddComponentForm
            idPrefix={base}
            onAdd={(name, type) =>
              update({
                components: [...design.components, newComponent(name, type)],
              })
            }
          />
        </div>
        <div>
          <DesignList
            title="Links"
            empty="No links yet."
            items={design.links.map((l, i) => ({
              key: `${l.from}->${l.to}-${i}`,
              primary: `${l.from} → ${l.to}`,
              issues: issuesAt(issues, `spec.links[${i}]`),
              issuesId: `${base}-link-${i}-issues`,
              removeLabel: `Remove link ${l.from} to ${l.to}`,
              onRemove: () =>
                update({ links: design.links.filter((_, j) => j !== i) }),
            }))}
          />
          <AddLinkForm
            idPrefix={base}
            names={design.components.map(c => c.name)}
            targets={linkTargets(design)}
            onAdd={(from, to) =>
              update({ links: [...design.links, { from, to }] })
            }
          />
        </div>
      </div>

      {design.stack?.spec.environments && (
        <Typography variant="body2" data-testid="stack-designer-environments">
          Environment settings kept:{' '}
          {Object.entries(design.stack.spec.environments)
            .map(
              ([env, settings]) =>
                `${env} (${Object.keys(settings ?? {}).join(', ')})`,
            )
            .join('; ')}
        </Typography>
      )}
      <Issues
        issues={issues.filter(i => !/^spec\.(components|links)\[/.test(i.path))}
        id={`${base}-issues`}
      />
      {rawErrors?.length ? (
        <ul className={classes.raw} role="alert">
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
      {!empty && result.ok && <DesignPreview files={files} />}
      {!empty && !result.ok && (
        <Typography variant="body2" role="status">
          Fix the {issues.length} issue{issues.length === 1 ? '' : 's'} above to
          see the generated files.
        </Typography>
      )}
    </div>
  );
}
