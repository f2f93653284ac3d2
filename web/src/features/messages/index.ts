// The messages feature's public files: what the rest of the client may import.
export { Alerts, ErrorAlerts } from './Alerts';
export { Field } from './Field';
export {
  fieldEdited,
  formRefused,
  formSubmitted,
  messagesSlice,
  PASSWORDS_DO_NOT_MATCH,
  selectFieldError,
  selectLastMessageId,
  succeeded,
} from './messagesSlice';
