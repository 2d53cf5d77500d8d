// Runs the import rules of .dependency-cruiser.cjs through dependency-cruiser's API (its `depcruise` command refuses
// Node 20, which the platform supports). Violations listed in .dependency-cruiser-known-violations.json (modules
// being refactored elsewhere) are reported as warnings; any other violation fails (exit code 1).
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('./.dependency-cruiser.cjs');
const knownFile = new URL('./.dependency-cruiser-known-violations.json', import.meta.url);
const knownViolations = existsSync(knownFile) ? JSON.parse(readFileSync(knownFile, 'utf8')) : [];
const targets = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const result = await cruise(targets.length ? targets : ['src'], {
  ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, knownViolations, outputType: 'err',
});
process.stdout.write(result.output || 'no dependency violations\n');
process.exit(result.exitCode);
