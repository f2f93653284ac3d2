// The leads feature's public files: what the rest of the client may import.
export { LeadsPage } from './LeadsPage';
