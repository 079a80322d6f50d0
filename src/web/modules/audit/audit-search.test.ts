import { describe, expect, it } from 'vitest';
import { validateAuditSearch } from './audit-search';

const USER = '0b6f3c1e-2d4a-4f7b-9c8d-1a2b3c4d5e6f';

describe('the URL search of the audit trail', () => {
  it('keeps ids, identifiers and days', () => {
    expect(validateAuditSearch({ actorUserId: USER, action: 'plan.action_progress', recordType: 'plan', recordId: 42, from: '2026-01-01', to: '2026-12-31' }))
      .toEqual({ actorUserId: USER, action: 'plan.action_progress', recordType: 'plan', recordId: '42', from: '2026-01-01', to: '2026-12-31' });
  });

  it('drops what the API would refuse, so a stale or hand-edited link still opens', () => {
    expect(validateAuditSearch({ actorUserId: 'Janssens', action: "x' OR 1=1 --", recordType: '<script>', recordId: 'x'.repeat(201), from: '2026-02-31x', to: 'tomorrow' })).toEqual({});
    expect(validateAuditSearch({ recordId: '' })).toEqual({});
  });
});
