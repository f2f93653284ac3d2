import type { LeadRecord } from '../../src/leads/leads.repository.js';

/** A lead as the repository reads it, for unit tests: `Lead <id>` of owner 1, with `fields` over the defaults. */
export const leadRecord = (id: number, fields: Partial<LeadRecord> = {}): LeadRecord => ({
  id,
  name: `Lead ${id}`,
  email: `lead${id}@example.com`,
  message: '',
  ownerId: 1,
  createdAt: '2026-11-24T04:41:14.123Z',
  status: 'new',
  source: '',
  updatedAt: '2026-11-24T04:41:14.123Z',
  ...fields,
});
