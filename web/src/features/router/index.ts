// The router feature's public files: what the rest of the client may import.
export { Link } from './Link';
export {
  historyMoved,
  isForUsers,
  leadPageId,
  loggedIn,
  loggedOut,
  navigated,
  PAGES_FOR_GUESTS,
  PAGES_FOR_USERS,
  routerSlice,
  selectPath,
  selectReturnTo,
  selectSearch,
} from './routerSlice';
