import { useEffect, useRef } from 'react';
import { AccountPage } from '../features/account/AccountPage';
import { loadUser } from '../features/auth/authSlice';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { Header } from './Header';
import { Link } from '../features/router/Link';
import { LeadsPage } from '../features/leads/LeadsPage';
import { Alerts } from '../features/messages/Alerts';
import { navigated, PAGES_FOR_USERS } from '../features/router/routerSlice';
import { useAppDispatch, useAppSelector } from './store';

const PAGES: Record<string, { title: string; Page: () => React.JSX.Element }> = {
  '/': { title: 'Leads', Page: LeadsPage },
  '/account': { title: 'Account', Page: AccountPage },
  '/login': { title: 'Login', Page: LoginPage },
  '/register': { title: 'Register', Page: RegisterPage },
};

function NotFoundPage() {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to your leads</Link>.
      </p>
    </>
  );
}

export function App() {
  const dispatch = useAppDispatch();
  const path = useAppSelector((state) => state.router.path);
  const { token, user } = useAppSelector((state) => state.auth);
  const forUsers = PAGES_FOR_USERS.includes(path);
  const redirect = forUsers && !token ? '/login' : !forUsers && user && PAGES[path] ? '/' : null;

  useEffect(() => {
    if (redirect) dispatch(navigated({ path: redirect, from: redirect === '/login' ? path : null, replace: true }));
  }, [dispatch, redirect, path]);

  // A token kept from an earlier visit: find out whose it is, or that it no longer works.
  useEffect(() => {
    if (token && !user) void dispatch(loadUser());
  }, [dispatch, token, user]);

  const waiting = redirect !== null || (forUsers && !user);
  const { title, Page } = PAGES[path] ?? { title: 'Page not found', Page: NotFoundPage };

  // After a change of page, focus goes to its heading, as it would on a new page load.
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    if (waiting) return;
    document.title = `${title} · Lead Manager`;
    if (shownPath.current !== null && shownPath.current !== path) document.querySelector<HTMLElement>('main h1')?.focus();
    shownPath.current = path;
  }, [waiting, title, path]);

  return (
    <>
      <Header />
      <main className="container py-4">
        <Alerts />
        {waiting ? <p className="text-body-secondary">Loading…</p> : <Page />}
      </main>
    </>
  );
}
