import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DESIGN_FIELD_SCHEMA, FORM_CAPS } from '@idp-stack/plugin-stack-common';

const TEMPLATES = path.join(__dirname, '..', '..', '..', 'templates');
const templates = fs
  .readdirSync(TEMPLATES)
  .filter(t => fs.existsSync(path.join(TEMPLATES, t, 'template.yaml')));

/** Every property schema of the template's parameter pages, nested ones too, with its key. */
function propertiesOf(node: any, out: [string, any][] = []): [string, any][] {
  if (Array.isArray(node)) for (const n of node) propertiesOf(n, out);
  else if (node && typeof node === 'object') {
    if (node.properties && typeof node.properties === 'object')
      for (const [k, v] of Object.entries(node.properties)) {
        out.push([k, v]);
        propertiesOf(v, out);
      }
  }
  return out;
}

describe.each(templates)('template %s', t => {
  const doc = parse(
    fs.readFileSync(path.join(TEMPLATES, t, 'template.yaml'), 'utf8'),
  );
  const props = propertiesOf(doc.spec.parameters);

  it('caps its free fields at the limits of the stack model (FORM_CAPS)', () => {
    const capped = props.filter(
      ([k, v]) => k in FORM_CAPS && v.type === 'string',
    );
    // edit-stack has no free text of the stack model: the stack comes whole
    // from the designer and idp:stack:edit validates it with the model's bounds.
    expect(capped.length > 0 || t === 'edit-stack').toBe(true);
    for (const [k, v] of capped)
      expect([k, v.maxLength]).toEqual([
        k,
        FORM_CAPS[k as keyof typeof FORM_CAPS].maxLength,
      ]);
  });

  it('gives the designer field the count and name caps (DESIGN_FIELD_SCHEMA)', () => {
    const designers = props.filter(
      ([, v]) => v['ui:field'] === 'StackDesigner',
    );
    // The fullstack golden path designs a new stack; edit-stack's designer
    // value is { stack, baseSha }, validated whole by idp:stack:edit.
    expect(designers.length).toBe(
      t === 'fullstack' || t === 'edit-stack' ? 1 : 0,
    );
    const newStackDesigners = t === 'fullstack' ? designers : [];
    for (const [, v] of newStackDesigners)
      expect(v).toMatchObject(DESIGN_FIELD_SCHEMA);
  });
});
