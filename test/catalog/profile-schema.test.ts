import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/catalog/catalog-registry.ts';
import { CAUSES, STAGES } from '../../src/catalog/catalog-types.ts';
import { PROFILE_OUTCOMES, parseProfile } from '../../src/catalog/profile.ts';

const PROFILES = join(dirname(fileURLToPath(import.meta.url)), '../../profiles');
const read = (name: string) => readFileSync(join(PROFILES, name), 'utf8');
const schema = JSON.parse(read('profile.schema.json'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

const good = (codes: unknown[]) => ({ name: 'Acme', family: 'fumo', codes });
const BAD: [string, unknown][] = [
  ['no name', { family: 'fumo', codes: [{ code: 1, name: 'n', outcome: 'success' }] }],
  ['an unknown family', { ...good([{ code: 1, name: 'n', outcome: 'success' }]), family: 'nokia' }],
  ['an unknown field', { ...good([{ code: 1, name: 'n', outcome: 'success' }]), colour: 'red' }],
  ['no codes', good([])],
  ['a code that is not whole', good([{ code: 1.5, name: 'n', outcome: 'success' }])],
  ['code and from', good([{ code: 1, from: 1, to: 2, name: 'n', outcome: 'success' }])],
  ['from without to', good([{ from: 1, name: 'n', outcome: 'success' }])],
  ['no outcome', good([{ code: 1, name: 'n' }])],
  ['an unknown outcome', good([{ code: 1, name: 'n', outcome: 'unrecognized' }])],
  ['a stage on a success', good([{ code: 1, name: 'n', outcome: 'success', stage: 'download' }])],
  ['an unknown cause', good([{ code: 1, name: 'n', outcome: 'failure', cause: 'aliens' }])],
  ['a blank name', good([{ code: 1, name: ' ', outcome: 'success' }])],
];

describe('profiles/profile.schema.json', () => {
  it.each(['redbend-scomo.json', 'operator-fumo.json'])(
    'accepts %s, which parseProfile accepts too',
    (file) => {
      const text = read(file);
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
      expect(parseProfile(text).ok).toBe(true);
    },
  );

  it.each(BAD)('rejects %s, as parseProfile does', (_what, value) => {
    expect(validate(value)).toBe(false);
    expect(parseProfile(JSON.stringify(value)).ok).toBe(false);
  });

  it('accepts a range and a failure with stage and cause', () => {
    const value = good([
      { from: 250, to: 260, name: 'n', outcome: 'success' },
      { code: 470, name: 'm', outcome: 'failure', stage: 'download', cause: 'network', description: 'd' },
    ]);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(parseProfile(JSON.stringify(value)).ok).toBe(true);
  });

  it('lists the same families, outcomes, stages and causes as the code', () => {
    const code = schema.$defs.code.properties;
    expect(schema.properties.family.enum).toEqual(CATALOGS.map((c) => c.id));
    expect(code.outcome.enum).toEqual(PROFILE_OUTCOMES);
    expect(code.stage.enum).toEqual(STAGES);
    expect(code.cause.enum).toEqual(CAUSES);
  });
});
