// The account feature's public files: what the rest of the client may import.
export { AccountPage } from './AccountPage';
