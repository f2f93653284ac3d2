import type { MouseEvent } from 'react';
import { useExportLeadsMutation } from './importsApi';

/**
 * "Export CSV" (WEB.md): a link to the export of the view shown, whose
 * search, status and ordering live in the address. The export needs the
 * user's token, which a plain link does not carry: a click fetches the file
 * with it and saves it.
 */
export function ExportLink({ className }: { className?: string }) {
  const [exportLeads] = useExportLeadsMutation();
  const view = () => new URLSearchParams(location.search);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void exportLeads(exportQuery(view()));
  };
  const query = exportQuery(view());
  return (
    <a href={`/api/leads/export${query ? `?${query}` : ''}`} className={className} onClick={onClick}>
      Export CSV
    </a>
  );
}

/** The parameters of the view that the export takes (paging ones left out). */
function exportQuery(view: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const name of ['search', 'status', 'ordering']) {
    const value = view.get(name);
    if (value) query.set(name, value);
  }
  return query.toString();
}
