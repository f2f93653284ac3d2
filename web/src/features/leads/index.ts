// The leads feature's public files: what the rest of the client may import.
export { selectLeadName } from './leadsApi';
export { LeadPage } from './LeadPage';
export { LeadsPage } from './LeadsPage';
