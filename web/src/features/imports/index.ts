// The imports feature's public files: what the rest of the client may import.
export { ExportLink } from './ExportLink';
export { ImportPage } from './ImportPage';
