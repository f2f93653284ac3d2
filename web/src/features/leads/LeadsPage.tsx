import { ExportLink } from '../imports';
import { useMemo } from 'react';
import { useAppSelector } from '../../app/hooks';
import { selectSearch } from '../router';
import { AddLeadForm } from './AddLeadForm';
import { LeadsTable } from './LeadsTable';
import { LeadsViewControls } from './LeadsView';
import { viewFrom } from './view';

export function LeadsPage() {
  // The view lives in the address: reload, back and forward show the same one.
  const address = useAppSelector(selectSearch);
  const view = useMemo(() => viewFrom(address), [address]);
  return (
    <>
      <h1 className="visually-hidden" tabIndex={-1}>
        Lead Manager
      </h1>
      <AddLeadForm />
      <section aria-labelledby="leads-heading">
        <h2 id="leads-heading">Leads</h2>
        <LeadsViewControls view={view} />
        <p className="text-end mb-2">
          <ExportLink />
        </p>
        <LeadsTable view={view} />
      </section>
    </>
  );
}
