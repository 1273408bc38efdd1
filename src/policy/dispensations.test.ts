import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from './principal.js';
import { dispensationLifts, type DispensedMatter, type Request } from './rules.js';

const member: Principal = { personId: 'p-1', councilId: 'c-1', name: 'A Councillor', role: 'councillor', councilOffice: null, termStarts: null, termEnds: null, chairOf: [], leaderOf: [], groupIds: [] };
const asked = (dispensations: DispensedMatter[]): Request => ({ principal: member, action: 'document.read', today: '2026-11-22', context: { pecuniaryMatterIds: new Set(['m-1']), dispensations } });

describe('which day a dispensation must cover to lift the papers bar', () => {
  it('lifts it when in force today, whatever the meetings', () => {
    assert.equal(dispensationLifts(asked([{ matterId: 'm-1', from: '2026-11-01', until: '2026-11-22' }]), 'm-1', []), true);
  });

  it('lifts it when in force on the day of a meeting still to come that holds the paper, and not otherwise', () => {
    const fromTheMeeting = asked([{ matterId: 'm-1', from: '2026-12-10', until: '2027-12-09' }]);
    assert.equal(dispensationLifts(fromTheMeeting, 'm-1', ['2026-12-10']), true);
    assert.equal(dispensationLifts(fromTheMeeting, 'm-1', ['2026-12-09']), false, 'the day before it starts');
    assert.equal(dispensationLifts(fromTheMeeting, 'm-1', []), false, 'a paper of no meeting is judged on today');
    assert.equal(dispensationLifts(fromTheMeeting, 'm-2', ['2026-12-10']), false, 'another matter');
  });

  it('counts no meeting already held, even for a dispensation that covered its day', () => {
    const ended = asked([{ matterId: 'm-1', from: '2026-10-01', until: '2026-10-31' }]);
    assert.equal(dispensationLifts(ended, 'm-1', ['2026-10-22']), false);
  });

  it('lifts nothing without dispensations', () => {
    assert.equal(dispensationLifts({ ...asked([]), context: { pecuniaryMatterIds: new Set(['m-1']) } }, 'm-1', ['2026-12-10']), false);
  });
});
