// The messages feature's public files: what the rest of the client may import.
export { Alerts, ErrorAlerts } from './Alerts';
export { Field } from './Field';
export { formRefused, formSubmitted, messagesSlice, PASSWORDS_DO_NOT_MATCH, selectLastMessageId, succeeded } from './messagesSlice';
