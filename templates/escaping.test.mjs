// Hostile form values through the golden-path skeletons (issue 13): every value
// that lands in a file is escaped for that file's syntax, and the parameter
// schemas refuse what the form would. The scaffolder backend validates `values`
// against the template's parameter schemas with `jsonschema` when a task is
// created (POST /v2/tasks, @backstage/plugin-scaffolder-backend
// dist/service/router.cjs.js), so a request that bypasses the form is refused
// by the same schemas checked here.
// Run: node --test templates/escaping.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse } = require('yaml');
const { validate } = require('jsonschema');
const HERE = dirname(fileURLToPath(import.meta.url));

function render(template, values) {
  const out = mkdtempSync(join(tmpdir(), 'skeleton-'));
  execFileSync(process.execPath, [
    join(HERE, 'render-skeleton.mjs'),
    join(HERE, template, 'skeleton'),
    out,
    ...Object.entries(values).map(([k, v]) => `${k}=${v}`),
  ]);
  return {
    read: f => readFileSync(join(out, f), 'utf8'),
    done: () => rmSync(out, { recursive: true, force: true }),
  };
}

const OWNER = 'group:default/team\n  evil: true\nspec: {}';
const DESCRIPTION = 'Says "hi" \\ and\nbreaks lines';

test('a newline in owner cannot inject keys into stack.yaml', () => {
  const r = render('fullstack', {
    name: 'shop',
    system: 'commerce',
    owner: OWNER,
    description: 'd',
  });
  try {
    const stack = parse(r.read('stack.yaml'));
    assert.equal(stack.metadata.owner, OWNER);
    assert.deepEqual(Object.keys(stack.metadata).sort(), [
      'name',
      'owner',
      'system',
    ]);
    assert.ok(
      Array.isArray(stack.spec.components) && stack.spec.components.length > 0,
    );
  } finally {
    r.done();
  }
});

test('a quote in the description keeps package.json valid JSON with the exact text', () => {
  const r = render('nodejs-service', {
    name: 'api',
    description: DESCRIPTION,
    port: '8080',
  });
  try {
    const pkg = JSON.parse(r.read('package.json'));
    assert.equal(pkg.description, DESCRIPTION);
    assert.equal(pkg.name, 'api');
  } finally {
    r.done();
  }
});

test('the Python service name is a Python string literal', () => {
  const r = render('fastapi-service', {
    name: 'api',
    description: 'd',
    port: '8080',
  });
  try {
    assert.match(r.read('app/main.py'), /^SERVICE = "api"$/m);
  } finally {
    r.done();
  }
});

const schemasOf = template => {
  const doc = parse(
    readFileSync(join(HERE, template, 'template.yaml'), 'utf8'),
  );
  return doc.spec.parameters;
};
const errorsFor = (template, values) =>
  schemasOf(template).flatMap(s =>
    validate(values, s).errors.map(e => `${e.property} ${e.message}`),
  );
const good = {
  name: 'api',
  owner: 'group:default/team',
  system: 'shop',
  description: 'A service',
  repoUrl: 'github.com?owner=acme&repo=api',
};

for (const template of ['nodejs-service', 'fastapi-service', 'fullstack']) {
  test(`${template}: parameter schemas refuse hostile values, accept a normal one`, () => {
    assert.deepEqual(errorsFor(template, good), []);
    assert.deepEqual(errorsFor(template, { ...good, owner: OWNER }), [
      'instance.owner does not match pattern "^([A-Za-z]+:)?([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[A-Za-z0-9]([-._A-Za-z0-9]*[A-Za-z0-9])?$"',
    ]);
    assert.deepEqual(
      errorsFor(template, { ...good, description: 'one\ntwo' }),
      [
        'instance.description does not match pattern "^[^\\\\x00-\\\\x1f\\\\x7f]*$"',
      ],
    );
    assert.deepEqual(
      errorsFor(template, { ...good, description: 'd'.repeat(1001) }),
      ['instance.description does not meet maximum length of 1000'],
    );
    assert.deepEqual(
      errorsFor(template, { ...good, owner: `group:${'a'.repeat(250)}` }),
      ['instance.owner does not meet maximum length of 253'],
    );
  });
}
