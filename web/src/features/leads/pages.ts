import type { components } from '../../api/schema';

export type Lead = components['schemas']['LeadResponseDto'];

/** One page of the list, oldest first, and the `after` of the next one while the server offers it. */
export interface LeadsPage {
  leads: Lead[];
  next: number | null;
}

export const PAGE_SIZE = 25;

/** The `after` of the next page the server's `Link` header offers, if any. */
export function nextPageAfter(link: string | null): number | null {
  const target = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
  if (!target) return null;
  const after = Number(new URL(target, 'http://link.invalid').searchParams.get('after'));
  return Number.isSafeInteger(after) && after > 0 ? after : null;
}

/**
 * The rows of the loaded pages, each lead once, where the latest page has it:
 * a lead added here sits at the end of the rows until "Load more" brings the
 * page that holds it.
 */
export function leadRows(pages: LeadsPage[] | undefined): Lead[] {
  const rows = new Map<number, Lead>();
  for (const lead of pages?.flatMap((page) => page.leads) ?? []) {
    rows.delete(lead.id);
    rows.set(lead.id, lead);
  }
  return [...rows.values()];
}
