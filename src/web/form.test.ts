import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import type { Vars } from '../i18n/messages.js';
import { InvalidInputError } from './errors.js';
import { fromBrowser, labelled, labelsOf } from './form.js';

const schema = z.object({
  subject: labelled(z.string().min(1), 'enquiries.field.subject'),
  note: z.string().optional(),
  urgent: z.boolean(),
  committees: z.array(z.uuid()),
  meetingDate: z.iso.date(),
  dueOn: z.iso.date().optional(),
  days: z.number().int().min(0),
  margin: z.number().optional(),
});

describe('the form pipeline: a browser post read by the API’s schema', () => {
  it('turns checkboxes, lists, GOV.UK date parts, numbers and blanks into typed input', () => {
    const input = fromBrowser(schema, {
      subject: 'Potholes',
      note: '   ',
      urgent: 'on',
      committees: 'a0000000-0000-4000-8000-000000000001',
      'meetingDate-day': '9',
      'meetingDate-month': '4',
      'meetingDate-year': '2026',
      days: '5',
      margin: '',
      _csrf: 'token',
    });
    assert.deepEqual(input, {
      subject: 'Potholes',
      urgent: true,
      committees: ['a0000000-0000-4000-8000-000000000001'],
      meetingDate: '2026-04-09',
      days: 5,
    });
    assert.equal(schema.safeParse(input).success, true);
  });

  it('leaves what is missing for the schema to name, and an unticked box false', () => {
    const input = fromBrowser(schema, { days: 'five' });
    assert.equal(input.urgent, false);
    assert.deepEqual(input.committees, []);
    assert.equal(input.subject, '');
    assert.equal(input.meetingDate, '');
    assert.equal(input.days, 'five');
    const fields = schema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    assert.deepEqual(fields, ['subject', 'meetingDate', 'days']);
  });

  it('keeps each field’s label with the schema', () => {
    assert.deepEqual(labelsOf(schema), { subject: 'enquiries.field.subject' });
  });

  it('leaves a choice left blank missing where the field says so, so the schema asks for it', () => {
    const choices = z.object({ officer: labelled(z.uuid('validation.officerOnly'), 'tasks.field.assignedTo', { blankIsMissing: true }), councillor: z.uuid(), on: labelled(z.iso.date(), 'x', { blankIsMissing: true }) });
    assert.deepEqual(fromBrowser(choices, { officer: ' ', councillor: '', 'on-day': '', 'on-month': '', 'on-year': '' }), { councillor: '' });
    assert.deepEqual(fromBrowser(choices, { officer: 'a', councillor: 'b', 'on-day': '1', 'on-month': '2', 'on-year': '2027' }), { officer: 'a', councillor: 'b', on: '2027-02-01' });
  });

  it('reads a nested object from its dotted field names, and a list of numbers as numbers', () => {
    const nested = z.object({
      name: z.string(),
      hours: z.object({ days: labelled(z.array(z.number().int()), 'profile.officeDays'), opens: labelled(z.string(), 'profile.opens') }),
    });
    const input = fromBrowser(nested, { name: 'Town', 'hours.days': ['1', '2', 'x'], 'hours.opens': '09:00' });
    assert.deepEqual(input, { name: 'Town', hours: { days: [1, 2, 'x'], opens: '09:00' } });
    assert.deepEqual(fromBrowser(nested, { name: 'Town', 'hours.days': '5' }), { name: 'Town', hours: { days: [5], opens: '' } });
    assert.deepEqual(labelsOf(nested), { 'hours.days': 'profile.officeDays', 'hours.opens': 'profile.opens' });
  });
});

describe('a service’s problems with input, in keys', () => {
  const t = (key: string, vars?: Vars) => `${key}${vars ? ` ${JSON.stringify(vars)}` : ''}`;

  it('translates each where it is shown, one message a field', () => {
    const error = new InvalidInputError([
      { field: 'members', key: 'a', vars: { name: 'Ann' } },
      { field: 'name', message: 'Already taken' },
      { field: 'members', key: 'b' },
    ]);
    assert.deepEqual(error.fieldsIn(t), [
      { field: 'members', message: 'A {"name":"Ann"}; B' },
      { field: 'name', message: 'Already taken' },
    ]);
  });
});
