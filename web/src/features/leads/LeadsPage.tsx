import { AddLeadForm } from './AddLeadForm';
import { LeadsTable } from './LeadsTable';

export function LeadsPage() {
  return (
    <>
      <h1 className="visually-hidden" tabIndex={-1}>
        Lead Manager
      </h1>
      <AddLeadForm />
      <LeadsTable />
    </>
  );
}
