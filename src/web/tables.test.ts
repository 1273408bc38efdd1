import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createViews } from './render.js';

/**
 * Every table made with govukTable fits a phone: Concord's version of the macro labels each
 * cell with its column's heading (shown when the rows stack into cards on a small screen), or
 * keeps a table of figures whole inside a region that scrolls on its own.
 */
describe('tables on a phone', () => {
  const views = createViews();
  const render = (params: string) =>
    cheerio.load(views.renderString(`{% from "govuk/components/table/macro.njk" import govukTable %}{{ govukTable(${params}) }}`, {}));

  it('labels each cell with its column’s heading, and marks the table to stack', () => {
    const $ = render(`{ head: [{ text: 'Reference' }, { html: '<span>Due</span> date' }, { text: 'Status', colspan: 2 }],
      rows: [[{ text: 'ENQ-1' }, { text: '2 December 2026' }, { text: 'Open' }, { text: 'Overdue', attributes: { 'data-testid': 'overdue' } }]] }`);
    assert.ok($('table').hasClass('govuk-table') && $('table').hasClass('concord-table--stacked'));
    assert.deepEqual(
      $('tbody td').map((_, td) => $(td).attr('data-label')).get(),
      ['Reference', 'Due date', 'Status', 'Status'],
    );
    assert.equal($('[data-testid=overdue]').text().trim(), 'Overdue', 'a cell keeps its own attributes');
    assert.equal($('[role=region]').length, 0);
  });

  it('keeps a table of figures a table, in a labelled region that takes focus and scrolls', () => {
    const $ = render(`{ caption: 'By councillor', scroll: true, head: [{ text: 'Councillor' }, { text: 'Received' }], rows: [[{ text: 'Tom Baker' }, { text: '3' }]] }`);
    const region = $('div.concord-table-scroll');
    assert.equal(region.attr('role'), 'region');
    assert.equal(region.attr('aria-label'), 'By councillor');
    assert.equal(region.attr('tabindex'), '0');
    assert.ok(region.find('table').hasClass('concord-table--scroll'));
    assert.ok(!region.find('table').hasClass('concord-table--stacked'));
  });
});
