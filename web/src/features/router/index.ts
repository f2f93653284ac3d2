// The router feature's public files: what the rest of the client may import.
export { Link } from './Link';
export { historyMoved, loggedIn, loggedOut, navigated, PAGES_FOR_USERS, routerSlice, selectPath } from './routerSlice';
