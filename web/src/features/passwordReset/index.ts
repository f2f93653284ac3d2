// The password-reset feature's public files: what the rest of the client may import.
export { ChooseNewPasswordPage } from './ChooseNewPasswordPage';
export { ResetPasswordPage } from './ResetPasswordPage';
export { isPasswordReset } from './passwordResetApi';
