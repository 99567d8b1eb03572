import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentsMinimum, shapeOf } from '../../support/contract/shapes';
import { compiledFile } from '../../support/contract/compiled-contract';
import { FAMILY_SPECS } from '../../support/contract/spec';

describe('the descriptions\' minimum of an answer (the alternate profile: VR-027, EN-029, SH-010)', () => {
  const shape = shapeOf({
    type: 'object',
    required: ['id', 'bio'],
    properties: {
      id: { type: 'string' },
      bio: { type: 'string' },
      username: { type: 'string' },
      log: { type: 'array', nullable: true, items: { type: 'object', properties: { note: { type: 'string' } } } },
      links: { type: 'array', items: { type: 'string' } },
    },
  });

  it('answers null for a nullable field with nothing in it, leaves out an optional one, keeps a required one', () => {
    assert.deepEqual(documentsMinimum({ id: 'u1', bio: '', username: 'tess', log: [], links: [], extra: '' }, shape), { id: 'u1', bio: '', username: 'tess', log: null, extra: '' });
  });

  it('goes into lists and keeps what has something to carry', () => {
    assert.deepEqual(documentsMinimum({ id: 'u1', bio: 'hi', log: [{ note: '' }, { note: 'x' }], links: ['a'] }, shape), { id: 'u1', bio: 'hi', log: [{}, { note: 'x' }], links: ['a'] });
  });

  it('reads VRChat\'s login answer as the branch the body is (CurrentUser or the challenge)', () => {
    const vrchat = require(compiledFile(FAMILY_SPECS[0] as (typeof FAMILY_SPECS)[number])) as { shapes: Record<string, Record<string, Parameters<typeof documentsMinimum>[1]>> };
    const login = vrchat.shapes.getCurrentUser?.['200'];
    assert.deepEqual(documentsMinimum({ requiresTwoFactorAuth: ['totp', 'otp'] }, login), { requiresTwoFactorAuth: ['totp', 'otp'] });
    const user = documentsMinimum({ id: 'usr_1', username: 'tess', accountDeletionLog: [], accountDeletionDate: null, bioLinks: [], pastDisplayNames: [] }, login) as Record<string, unknown>;
    assert.deepEqual(user, { id: 'usr_1', username: 'tess', accountDeletionLog: null, accountDeletionDate: null, bioLinks: [], pastDisplayNames: [] });
  });
});
