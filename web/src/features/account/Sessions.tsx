import { describeDevice } from './device';
import { useListSessionsQuery, useLogoutOthersMutation, useRevokeSessionMutation } from './accountApi';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

export function Sessions() {
  // Sessions come and go on other devices: the list is fetched again each time the page opens.
  const { data: sessions = [] } = useListSessionsQuery(undefined, { refetchOnMountOrArgChange: true });
  const [revokeSession] = useRevokeSessionMutation();
  const [logoutOthers] = useLogoutOthersMutation();

  return (
    <section className="mb-5" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <div className="table-responsive">
        <table className="table align-middle">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Device</th>
              <th scope="col">IP</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>{when(session.created)}</td>
                <td>{when(session.expiry)}</td>
                <td title={session.user_agent}>{describeDevice(session.user_agent)}</td>
                <td>{session.ip || 'Unknown'}</td>
                <td className="text-end">
                  {session.current ? (
                    <span className="badge text-bg-success">This session</span>
                  ) : (
                    <button type="button" className="btn btn-outline-danger btn-sm" onClick={() => void revokeSession(session.id)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn btn-outline-danger" onClick={() => void logoutOthers()}>
        Log out other sessions
      </button>
    </section>
  );
}
