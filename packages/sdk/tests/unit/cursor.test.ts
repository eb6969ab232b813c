import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCursor, sealCursor } from '../../src/cursor.js';
import { ValidationError } from '../../src/index.js';

const secret = 'unit-test-cursor-secret-0123';
const payload = fc.record({ category: fc.option(fc.string(), { nil: null }), after: fc.dictionary(fc.string(), fc.string()) });

describe('cursor sealing', () => {
  it('opens exactly what it sealed (property)', () => {
    fc.assert(
      fc.property(payload, (value) => {
        expect(openCursor(sealCursor(value, secret), secret)).toEqual(value);
      }),
    );
  });

  it('refuses any changed character, a foreign key and a forged cursor (property)', () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.constantFrom('A', 'b', '.', '-', '_', '0'), (value, at, replacement) => {
        const cursor = sealCursor(value, secret);
        const index = at % cursor.length;
        fc.pre(cursor[index] !== replacement);
        const changed = cursor.slice(0, index) + replacement + cursor.slice(index + 1);
        expect(() => openCursor(changed, secret)).toThrow(ValidationError);
      }),
    );
    expect(() => openCursor(sealCursor({ after: {} }, secret), 'another-deployment-secret-012')).toThrow(ValidationError);
    expect(() => openCursor(`${Buffer.from('{"after":{}}').toString('base64url')}.forged`, secret)).toThrow(ValidationError);
  });
});
