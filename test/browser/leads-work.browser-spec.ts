import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type Account, registerAccount } from '../support/accounts.js';
import { axeViolations, type ClientSession, openClient, screenshot } from './client-browser.js';

/**
 * A team's day with its leads, in Chromium over the real server: finding a
 * lead by a fragment, narrowing by status with the counts, sorting, the view
 * kept in the address, and a lead's own page with its status and notes.
 * The steps run in order and share the page.
 */
jest.setTimeout(30_000);

describe('Working the leads in a real browser', () => {
  let client: ClientSession;
  let page: Page;
  let account: Account;
  let url: (path: string) => string;
  const ids: Record<string, number> = {};

  const status = () => page.getByRole('main').getByRole('status');
  const alert = () => page.getByRole('main').getByRole('alert');
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const table = () => page.getByRole('table');
  const bodyRows = () => table().locator('tbody tr');
  const row = (text: string) => page.getByRole('row').filter({ hasText: text });
  const names = () => bodyRows().locator('td:nth-child(2)').allInnerTexts();
  const searchField = () => page.getByLabel('Search leads');
  const statusGroup = () => page.getByRole('group', { name: 'Status' });
  const toggle = (name: string) => statusGroup().getByRole('button', { name: new RegExp(`^${name}\\b`) });
  const header = (name: string) => table().getByRole('columnheader', { name });
  const expectNoAxeViolation = async () => expect(await axeViolations(page)).toEqual([]);
  const address = () => {
    const current = new URL(page.url());
    return current.pathname + decodeURIComponent(current.search).replaceAll('+', ' ');
  };
  /** The rows shown once the list has settled (no "Loading…"). */
  const settled = () => page.getByText('Loading…').waitFor({ state: 'detached' });

  /** GETs of `path` the page makes from now on (their query strings). */
  const requestsTo = (path: string) => {
    const seen: string[] = [];
    page.on('request', (request) => {
      const target = new URL(request.url());
      if (target.pathname === path && request.method() === 'GET') seen.push(target.search);
    });
    return seen;
  };

  async function addLead(lead: { name: string; email: string; message?: string; source?: string; status?: string }): Promise<number> {
    const response = await fetch(url('/api/leads'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: account.auth },
      body: JSON.stringify(lead),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: number }).id;
  }

  beforeAll(async () => {
    client = await openClient();
    page = client.page;
    page.setDefaultTimeout(8_000);
    url = (path) => `${client.baseUrl}${path}`;
    account = await registerAccount(client.testApp, 'grace');
    ids.grace = await addLead({ name: 'Grace Hopper', email: 'grace@navy.example', source: 'Conference', message: 'Wants a demo.' });
    ids.ada = await addLead({ name: 'Ada Lovelace', email: 'ada@analytical.example', status: 'contacted', source: 'Referral' });
    ids.alan = await addLead({ name: 'Alan Turing', email: 'alan@bletchley.example', status: 'won' });
    ids.elodie = await addLead({ name: 'Élodie Durand', email: 'elodie@lyon.example', status: 'qualified', message: 'Met at the fair.' });
    ids.grant = await addLead({ name: 'Grant Hill', email: 'grant@hopkins.example', status: 'lost' });
    // Enough new leads for two pages of a filtered list.
    for (let index = 1; index <= 28; index += 1) {
      await addLead({ name: `Zed Lead ${String(index).padStart(2, '0')}`, email: `zed${index}@example.com` });
    }
    await page.goto(url('/login'));
    // The client keeps its token where the original kept it; the test has no DOM types.
    await page.evaluate(
      (token) =>
        (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('token', token),
      account.token,
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close();
  });

  it('shows the leads with their status and last change, the status counts, and ID sorted ascending', async () => {
    await page.goto(url('/'));
    await heading('Leads').waitFor();
    await row('grace@navy.example').waitFor();
    expect(await table().getByRole('columnheader').allInnerTexts()).toEqual([
      'ID',
      'Name',
      'Email',
      'Message',
      'Status',
      'Updated',
      'Actions',
    ]);
    expect((await row('ada@analytical.example').getByRole('cell').allInnerTexts()).slice(0, 5)).toEqual([
      String(ids.ada),
      'Ada Lovelace',
      'ada@analytical.example',
      '',
      'Contacted',
    ]);
    expect(await header('ID').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Name').getAttribute('aria-sort')).toBeNull();
    await toggle('All').and(page.getByText('All 33')).waitFor();
    expect(await statusGroup().getByRole('button').allInnerTexts()).toEqual([
      'All 33',
      'New 29',
      'Contacted 1',
      'Qualified 1',
      'Won 1',
      'Lost 1',
    ]);
    expect(await toggle('All').getAttribute('aria-pressed')).toBe('true');
    expect(await toggle('New').getAttribute('aria-pressed')).toBe('false');
    expect(await bodyRows().count()).toBe(25);
    await expectNoAxeViolation();
  });

  it('searches once typing pauses (no request per keystroke), in every field, ignoring case and accents, terms ANDed', async () => {
    const listRequests = requestsTo('/api/leads');
    const statsRequests = requestsTo('/api/leads/stats');
    await searchField().click();
    await page.keyboard.type('gra hop');
    await page.waitForURL((current) => current.searchParams.get('search') === 'gra hop');
    await settled();
    expect(await names()).toEqual(['Grace Hopper', 'Grant Hill']);
    expect(listRequests.map((query) => new URLSearchParams(query).get('search'))).toEqual(['gra hop']);
    expect(statsRequests.map((query) => new URLSearchParams(query).get('search'))).toEqual(['gra hop']);
    await toggle('All').and(page.getByText('All 2')).waitFor();
    expect(await toggle('Lost').innerText()).toBe('Lost 1');

    await searchField().fill('ÉLODIE');
    await page.waitForURL((current) => current.searchParams.get('search') === 'ÉLODIE');
    await settled();
    expect(await names()).toEqual(['Élodie Durand']);

    await searchField().fill('FAIR');
    await page.waitForURL((current) => current.searchParams.get('search') === 'FAIR');
    await settled();
    expect(await names()).toEqual(['Élodie Durand']);

    await searchField().fill('nobody here');
    await page.getByText('No leads match this search and status.').waitFor();
    await expectNoAxeViolation();
  });

  it('narrows by status with the toggles, and shows the search and status in the address', async () => {
    await searchField().fill('gra');
    await page.waitForURL((current) => current.searchParams.get('search') === 'gra');
    await settled();
    expect(await names()).toEqual(['Grace Hopper', 'Grant Hill']);
    await toggle('New').click();
    await page.waitForURL((current) => current.searchParams.get('status') === 'new');
    await settled();
    expect(await names()).toEqual(['Grace Hopper']);
    expect(await toggle('New').getAttribute('aria-pressed')).toBe('true');
    expect(await toggle('All').getAttribute('aria-pressed')).toBe('false');
    expect(address()).toBe('/?search=gra&status=new');

    await toggle('Lost').click();
    await page.waitForURL((current) => current.searchParams.get('status') === 'new,lost');
    await settled();
    expect(await names()).toEqual(['Grace Hopper', 'Grant Hill']);
    await expectNoAxeViolation();
    await screenshot(page, 'leads-search');

    await toggle('All').click();
    await page.waitForURL((current) => !current.searchParams.has('status'));
    expect(await toggle('All').getAttribute('aria-pressed')).toBe('true');
  });

  it('sorts by the headers with aria-sort, a second press reversing the order', async () => {
    await searchField().fill('');
    await page.waitForURL((current) => current.search === '');
    await settled();
    await header('Name').getByRole('button', { name: 'Name' }).click();
    await page.waitForURL((current) => current.searchParams.get('ordering') === 'name');
    await settled();
    expect(await header('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('ID').getAttribute('aria-sort')).toBeNull();
    expect((await names()).slice(0, 2)).toEqual(['Ada Lovelace', 'Alan Turing']);

    await header('Name').getByRole('button', { name: 'Name' }).click();
    await page.waitForURL((current) => current.searchParams.get('ordering') === '-name');
    await settled();
    expect(await header('Name').getAttribute('aria-sort')).toBe('descending');
    expect((await names()).filter((name) => name.startsWith('Zed')).slice(0, 2)).toEqual(['Zed Lead 28', 'Zed Lead 27']);

    // "Updated" starts with the latest change.
    await fetch(url(`/api/leads/${ids.ada}`), {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: account.auth },
      body: JSON.stringify({ message: 'Called back.' }),
    });
    await header('Updated').getByRole('button', { name: 'Updated' }).click();
    await page.waitForURL((current) => current.searchParams.get('ordering') === '-updated_at');
    await settled();
    expect(await header('Updated').getAttribute('aria-sort')).toBe('descending');
    expect((await names())[0]).toBe('Ada Lovelace');
    await expectNoAxeViolation();
  });

  it('keeps the view on reload, and back and forward go through the views', async () => {
    await searchField().fill('lead 1');
    await page.waitForURL((current) => current.searchParams.get('search') === 'lead 1');
    await settled();
    await toggle('New').click();
    await page.waitForURL((current) => current.searchParams.get('status') === 'new');
    await settled();
    expect(address()).toBe('/?search=lead 1&status=new&ordering=-updated_at');

    await page.reload();
    await row('zed10@example.com').waitFor();
    expect(await searchField().inputValue()).toBe('lead 1');
    expect(await toggle('New').getAttribute('aria-pressed')).toBe('true');
    expect(await header('Updated').getAttribute('aria-sort')).toBe('descending');
    expect((await names()).slice(0, 2)).toEqual(['Zed Lead 21', 'Zed Lead 19']);

    await page.goBack();
    await page.waitForURL((current) => !current.searchParams.has('status'));
    await settled();
    expect(await searchField().inputValue()).toBe('lead 1');
    expect(await toggle('All').getAttribute('aria-pressed')).toBe('true');

    await page.goBack();
    await page.waitForURL((current) => !current.searchParams.has('search'));
    await settled();
    expect(await searchField().inputValue()).toBe('');
    expect(await header('Updated').getAttribute('aria-sort')).toBe('descending');

    await page.goForward();
    await page.waitForURL((current) => current.searchParams.get('search') === 'lead 1');
    await settled();
    expect(await searchField().inputValue()).toBe('lead 1');
  });

  it('pages a filtered, ordered list with "Load more", following the server’s link, never repeating a lead', async () => {
    await page.goto(url('/?status=new&ordering=-name'));
    await row('zed28@example.com').waitFor();
    expect(await bodyRows().count()).toBe(25);
    const more = requestsTo('/api/leads');
    await page.getByRole('button', { name: 'Load more' }).click();
    await row('grace@navy.example').waitFor();
    expect(new URLSearchParams(more[0]).get('cursor')).toBeTruthy();
    const shown = await names();
    expect(shown).toHaveLength(29);
    expect(new Set(shown).size).toBe(29);
    expect(shown.at(-1)).toBe('Grace Hopper');
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('adds a lead with a source and a status, edits both in the dialog, and the counts follow', async () => {
    await page.goto(url('/'));
    await heading('Add Lead').waitFor();
    const form = page.getByRole('region', { name: 'Add Lead' });
    expect(await form.getByLabel('Status').inputValue()).toBe('new');
    await form.getByLabel('Name').fill('Katherine Johnson');
    await form.getByLabel('Email').fill('katherine@nasa.example');
    await form.getByLabel('Source').fill('Website');
    await form.getByLabel('Status').selectOption({ label: 'Qualified' });
    await form.getByRole('button', { name: 'Submit' }).click();
    await status().getByText('Lead Added').waitFor();
    await row('katherine@nasa.example').waitFor();
    expect(await row('katherine@nasa.example').getByRole('cell').nth(4).innerText()).toBe('Qualified');
    expect(await form.getByLabel('Source').inputValue()).toBe('');
    expect(await form.getByLabel('Status').inputValue()).toBe('new');
    await toggle('Qualified').and(page.getByText('Qualified 2')).waitFor();

    await row('katherine@nasa.example').getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Lead' });
    expect(await dialog.getByLabel('Source').inputValue()).toBe('Website');
    expect(await dialog.getByLabel('Status').inputValue()).toBe('qualified');
    await dialog.getByLabel('Source').fill('Trade show');
    await dialog.getByLabel('Status').selectOption({ label: 'Won' });
    await expectNoAxeViolation();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await status().getByText('Lead Saved').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await row('katherine@nasa.example').getByRole('cell').nth(4).innerText()).toBe('Won');
    await toggle('Won').and(page.getByText('Won 2')).waitFor();
    ids.katherine = Number(await row('katherine@nasa.example').getByRole('cell').first().innerText());
  });

  it('opens a lead’s page from its name: details, a status that saves on change, notes, and the activity newest first', async () => {
    await row('katherine@nasa.example').getByRole('link', { name: 'Katherine Johnson' }).click();
    await page.waitForURL((current) => current.pathname === `/leads/${ids.katherine}`);
    await heading('Katherine Johnson').waitFor();
    expect(await page.title()).toBe('Katherine Johnson · Lead Manager');
    const main = page.getByRole('main');
    await main.getByText('katherine@nasa.example').waitFor();
    await main.getByText('Trade show').waitFor();
    await heading('Activity').waitFor();
    const activity = page.getByRole('list', { name: 'Activity, newest first' });
    await activity.getByText('Status: Qualified → Won').waitFor();
    expect(await activity.getByRole('listitem').last().innerText()).toMatch(/^Lead created\n/);

    await page.getByLabel('Status').selectOption({ label: 'Lost' });
    await status().getByText('Status changed').waitFor();
    await activity.getByText('Status: Won → Lost').waitFor();
    expect(await activity.getByRole('listitem').first().innerText()).toMatch(/^Status: Won → Lost\n/);

    await page.getByRole('button', { name: 'Add note' }).click();
    await alert().getByText('Note: This field may not be blank.').waitFor();
    expect(await page.getByLabel('Note').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Note').fill('Called: wants a quote by Friday.\nSend the price list.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await status().getByText('Note added').waitFor();
    await activity.getByText('Called: wants a quote by Friday.').waitFor();
    expect(await page.getByLabel('Note').inputValue()).toBe('');
    await page.getByLabel('Note').fill('Quote sent.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await activity.getByText('Quote sent.').waitFor();
    const entries = await activity.getByRole('listitem').allInnerTexts();
    expect(entries.map((entry) => entry.split('\n')[0])).toEqual([
      'Quote sent.',
      'Called: wants a quote by Friday.',
      'Status: Won → Lost',
      'Status: Qualified → Won',
      'Lead created',
    ]);
    await expectNoAxeViolation();
    await screenshot(page, 'lead-page');

    await activity.getByRole('listitem').filter({ hasText: 'Quote sent.' }).getByRole('button', { name: 'Delete' }).click();
    await status().getByText('Note deleted').waitFor();
    await activity.getByText('Quote sent.').waitFor({ state: 'detached' });
    expect(await activity.getByRole('listitem').count()).toBe(4);

    await page.reload();
    await heading('Katherine Johnson').waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('lost');
    await page.getByRole('link', { name: '← Leads' }).click();
    await page.waitForURL((current) => current.pathname === '/');
    await searchField().fill('katherine');
    await row('katherine@nasa.example').waitFor();
    expect(await row('katherine@nasa.example').getByRole('cell').nth(4).innerText()).toBe('Lost');
  });

  it('says "Not found." for a missing, foreign or malformed lead id, with a link back to the leads', async () => {
    const stranger = await registerAccount(client.testApp, 'stranger');
    const foreign = await fetch(url('/api/leads'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: stranger.auth },
      body: JSON.stringify({ name: 'Not Yours', email: 'not.yours@example.com' }),
    });
    const foreignId = ((await foreign.json()) as { id: number }).id;
    for (const id of ['999999', String(foreignId), 'abc']) {
      await page.goto(url(`/leads/${id}`));
      await heading('Not found.').waitFor();
      expect(await alert().innerText()).toBe('');
      expect(await page.getByText('Not Yours').count()).toBe(0);
    }
    await expectNoAxeViolation();
    await page.getByRole('link', { name: 'Back to the leads' }).click();
    await page.waitForURL((current) => current.pathname === '/');
    await heading('Leads').waitFor();
  });

  it('made no request to another origin and hit no CSP or script error on the way', () => {
    const origin = new URL(client.baseUrl).origin;
    expect(client.requests.filter((request) => !request.startsWith(`${origin}/`) && !request.startsWith('data:'))).toEqual([]);
    expect(client.browserErrors).toEqual([]);
  });
});
