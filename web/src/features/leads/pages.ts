import type { Lead } from './types';

/** One page of a list, and the address of the next one while the server's `Link` header offers it. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export type LeadsPage = Page<Lead>;

export const PAGE_SIZE = 25;

/**
 * The next page the server's `Link` header offers: its path and query exactly
 * as given (the cursor and every parameter in it are the server's business),
 * or null. A link to another origin is not followed.
 */
export function nextLink(link: string | null, origin = 'http://link.invalid'): string | null {
  const target = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
  if (!target) return null;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return null;
  }
  return url.origin === new URL(origin).origin ? url.pathname + url.search : null;
}

/**
 * The rows of the loaded pages, each lead once, where the latest page has it:
 * a lead added here sits at the end of the rows until "Load more" brings the
 * page that holds it.
 */
export function leadRows(pages: LeadsPage[] | undefined): Lead[] {
  const rows = new Map<number, Lead>();
  for (const lead of pages?.flatMap((page) => page.items) ?? []) {
    rows.delete(lead.id);
    rows.set(lead.id, lead);
  }
  return [...rows.values()];
}
