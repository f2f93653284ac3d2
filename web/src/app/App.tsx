import { useEffect, useRef } from 'react';
import { AccountPage } from '../features/account';
import { loadUser, LoginPage, RegisterPage, selectToken, selectUser } from '../features/auth';
import { LeadsPage } from '../features/leads';
import { Alerts } from '../features/messages';
import { Link, navigated, PAGES_FOR_USERS, selectPath } from '../features/router';
import { Header } from './Header';
import { useAppDispatch, useAppSelector } from './hooks';

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
  const path = useAppSelector(selectPath);
  const token = useAppSelector(selectToken);
  const user = useAppSelector(selectUser);
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
