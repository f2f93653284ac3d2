import { LEAD_LIMITS, type Lead } from './lead.entity.js';

/**
 * Text as search and ordering compare it: lower case, accents and other marks
 * removed, compatibility forms unfolded (`ÉLODIE` is `elodie`, `ﬁ` is `fi`).
 * The same on SQLite and PostgreSQL, as it is computed here and not by either.
 */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The stored keys of a lead, computed from its fields: written with every insert and update of a lead. */
export function leadKeys(lead: Pick<Lead, 'name' | 'email' | 'message' | 'source'>): Pick<Lead, 'nameKey' | 'search'> {
  // A term never holds white space, so the line breaks keep a term from matching across two fields.
  return {
    nameKey: Array.from(foldText(lead.name)).slice(0, LEAD_LIMITS.name).join(''),
    search: [lead.name, lead.email, lead.message, lead.source].map(foldText).join('\n'),
  };
}
