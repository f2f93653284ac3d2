import { ChangePassword } from './ChangePassword';
import { DeleteAccount } from './DeleteAccount';
import { Sessions } from './Sessions';

export function AccountPage() {
  return (
    <>
      <h1 className="mb-4" tabIndex={-1}>
        Account
      </h1>
      <Sessions />
      <ChangePassword />
      <DeleteAccount />
    </>
  );
}
