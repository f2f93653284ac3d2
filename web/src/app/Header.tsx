import { logout, selectUser } from '../features/auth';
import { Link } from '../features/router';
import { useAppDispatch, useAppSelector } from './hooks';

export function Header() {
  const dispatch = useAppDispatch();
  const user = useAppSelector(selectUser);
  return (
    <header>
      <nav className="navbar navbar-expand navbar-dark bg-dark" aria-label="Main">
        <div className="container">
          <Link to="/" className="navbar-brand">
            Lead Manager
          </Link>
          {user ? (
            <ul className="navbar-nav ms-auto align-items-center">
              <li className="nav-item navbar-text me-3">
                <strong>Welcome {user.username}</strong>
              </li>
              <li className="nav-item">
                <Link to="/" className="nav-link">
                  Leads
                </Link>
              </li>
              <li className="nav-item">
                <Link to="/import" className="nav-link">
                  Import
                </Link>
              </li>
              <li className="nav-item">
                <Link to="/account" className="nav-link">
                  Account
                </Link>
              </li>
              <li className="nav-item ms-2">
                <button type="button" className="btn btn-danger btn-sm" onClick={() => void dispatch(logout())}>
                  Logout
                </button>
              </li>
            </ul>
          ) : (
            <ul className="navbar-nav ms-auto">
              <li className="nav-item">
                <Link to="/register" className="nav-link">
                  Register
                </Link>
              </li>
              <li className="nav-item">
                <Link to="/login" className="nav-link">
                  Login
                </Link>
              </li>
            </ul>
          )}
        </div>
      </nav>
    </header>
  );
}
