import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseLocale } from './choose.js';

const both = ['en', 'cy'] as const;

describe('choosing the language of a response', () => {
  it('takes a switch asked for, then the person, the remembered choice, the browser, the council', () => {
    assert.equal(chooseLocale({ query: 'cy', person: 'en', api: false }, both, 'en'), 'cy');
    assert.equal(chooseLocale({ person: 'cy', cookie: 'en', acceptLanguage: 'en', api: false }, both, 'en'), 'cy');
    assert.equal(chooseLocale({ cookie: 'cy', acceptLanguage: 'en-GB', api: false }, both, 'en'), 'cy');
    assert.equal(chooseLocale({ acceptLanguage: 'cy-GB,en;q=0.5', api: false }, both, 'en'), 'cy');
    assert.equal(chooseLocale({ api: false }, both, 'cy'), 'cy');
    assert.equal(chooseLocale({ acceptLanguage: 'fr-FR', api: false }, both, 'en'), 'en');
  });

  it('answers the API in the language of Accept-Language', () => {
    assert.equal(chooseLocale({ person: 'en', acceptLanguage: 'cy', api: true }, both, 'en'), 'cy');
    assert.equal(chooseLocale({ person: 'cy', api: true }, both, 'en'), 'cy');
  });

  it('offers only the council’s languages', () => {
    assert.equal(chooseLocale({ query: 'cy', person: 'cy', acceptLanguage: 'cy', api: false }, ['en'], 'en'), 'en');
    assert.equal(chooseLocale({ query: 'fr', api: false }, both, 'en'), 'en');
  });
});
