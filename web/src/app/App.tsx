import { useEffect, useRef } from 'react';
import { AccountPage } from '../features/account';
import { loadUser, LoginPage, RegisterPage, selectToken, selectUser } from '../features/auth';
import { ImportPage } from '../features/imports';
import { LeadPage, LeadsPage, selectLeadName } from '../features/leads';
import { Alerts } from '../features/messages';
import { ChooseNewPasswordPage, ResetPasswordPage } from '../features/passwordReset';
import { isForUsers, leadPageId, Link, navigated, PAGES_FOR_GUESTS, selectPath, selectSearch } from '../features/router';
import { Header } from './Header';
import { useAppDispatch, useAppSelector } from './hooks';

const PAGES: Record<string, { title: string; Page: () => React.JSX.Element }> = {
  '/': { title: 'Leads', Page: LeadsPage },
  '/account': { title: 'Account', Page: AccountPage },
  '/import': { title: 'Import leads', Page: ImportPage },
  '/login': { title: 'Login', Page: LoginPage },
  '/register': { title: 'Register', Page: RegisterPage },
  '/password-reset': { title: 'Reset password', Page: ResetPasswordPage },
  '/password-reset/confirm': { title: 'Choose a new password', Page: ChooseNewPasswordPage },
};
/** `/leads/:id`: titled with the lead's name once it is known. */
const LEAD = { title: 'Lead', Page: LeadPage };

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
  const search = useAppSelector(selectSearch);
  const token = useAppSelector(selectToken);
  const user = useAppSelector(selectUser);
  const forUsers = isForUsers(path);
  const redirect = forUsers && !token ? '/login' : user && PAGES_FOR_GUESTS.includes(path) ? '/' : null;

  useEffect(() => {
    if (redirect) dispatch(navigated({ path: redirect, from: redirect === '/login' ? path + search : null, replace: true }));
  }, [dispatch, redirect, path, search]);

  // A token kept from an earlier visit: find out whose it is, or that it no longer works.
  useEffect(() => {
    if (token && !user) void dispatch(loadUser());
  }, [dispatch, token, user]);

  const waiting = redirect !== null || (forUsers && !user);
  const leadId = leadPageId(path);
  const leadName = useAppSelector((state) => (leadId === null ? undefined : selectLeadName(state, Number(leadId))));
  const { title, Page } =
    PAGES[path] ?? (leadId !== null ? { ...LEAD, title: leadName ?? LEAD.title } : { title: 'Page not found', Page: NotFoundPage });

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
