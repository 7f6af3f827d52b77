#!/usr/bin/env node
/* eslint-disable no-restricted-syntax */
// Renders argocd/tenancy/ and .github/CODEOWNERS from argocd/systems/*.yaml.
require('@backstage/cli/config/nodeTransform.cjs');
const { relative, join } = require('node:path');
const { writeTenancyFiles } = require('../src/tenancy/tenancyFiles');

const changed = writeTenancyFiles();
const root = join(__dirname, '..', '..');
for (const f of changed) console.log(`wrote ${relative(root, f)}`);
if (changed.length === 0) console.log('argocd/tenancy is up to date');
