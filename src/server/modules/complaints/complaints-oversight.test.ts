import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, ownerQuery, sessionFor, type TestApp } from '../../../test/app.js';
import { resolveSession } from '../../platform/auth/session.js';
import { readOversight } from '../../platform/oversight/index.js';
import { complaintsWorld, filed, openDesk, type ComplaintsWorld } from './complaints.testkit.js';
import { complaintsOversightFigures } from './module.js';

/** Issue 19: oversight sees counts per organisation (received, answered, open, late), small counts hidden, never rows. */
const day = '2027-02-01';
let t: TestApp;
let w: ComplaintsWorld;
beforeAll(async () => {
  t = await createTestApp({ today: () => day });
  w = await complaintsWorld(t);
  await openDesk(w);
});
afterAll(async () => { await t.close(); });

describe('oversight figures', () => {
  it('counts this year per organisation, each count under the threshold hidden', async () => {
    for (let i = 0; i < 4; i++) await filed(t, w, { what: `Klacht ${i}` });
    const aig = await createOrganisation(t, { kind: 'inspectorate' });
    const u = await createUser(t, { roles: [{ orgId: aig, role: 'oversight' }] });
    const s = await sessionFor(t, u.id);
    const actor = (await resolveSession(t.db.db, s.cookies.kompas_session, 600))!;
    const read = () => readOversight(t.db.db, { actor, audit: { actorUserId: u.id, ip: null } }, { action: 'oversight.figures_read', run: (scope) => complaintsOversightFigures(scope, '2027-03-15') });
    const mine = (all: { id: string; organisationId: string; value: unknown }[]) => Object.fromEntries(all.filter((f) => f.organisationId === w.org).map((f) => [f.id, f.value]));
    await ownerQuery(t, `UPDATE organisation SET settings = jsonb_build_object('statisticsSuppressBelow', 3) WHERE id = $1`, [w.org]);
    const shown = (value: number) => ({ value, suppressed: false });
    const hidden = { value: null, suppressed: true };
    // On 15 March all four wait past their acknowledgement: received 4, open 4, late 4, answered 0 (hidden).
    expect(mine(await read())).toEqual({ 'complaints.received': shown(4), 'complaints.open': shown(4), 'complaints.late': shown(4), 'complaints.answered': hidden });
    await ownerQuery(t, `UPDATE organisation SET settings = jsonb_build_object('statisticsSuppressBelow', 5) WHERE id = $1`, [w.org]);
    expect(mine(await read())).toEqual({ 'complaints.received': hidden, 'complaints.open': hidden, 'complaints.late': hidden, 'complaints.answered': hidden });
  });
});
