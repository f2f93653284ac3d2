// The auth feature's public files: what the rest of the client may import.
export {
  authSlice,
  deleteAccount,
  deleteAccountForm,
  isLogin,
  isLogout,
  loadUser,
  logout,
  selectToken,
  selectUser,
  type User,
} from './authSlice';
export { LoginPage } from './LoginPage';
export { RegisterPage } from './RegisterPage';
