import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { type Message, MESSAGE_MS, messageExpired, selectMessages } from './messagesSlice';

function Alert({ message }: { message: Message }) {
  const dispatch = useAppDispatch();
  useEffect(() => {
    const timer = setTimeout(() => dispatch(messageExpired(message.id)), MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [dispatch, message.id]);
  return <p className={`alert mb-2 ${message.kind === 'success' ? 'alert-success' : 'alert-danger'}`}>{message.text}</p>;
}

/**
 * The live region of errors. A modal dialog has its own, as the page behind it
 * is inert while it is open; it shows only the errors newer than `after`.
 */
export function ErrorAlerts({ after = 0 }: { after?: number }) {
  const items = useAppSelector(selectMessages);
  return (
    <div role="alert">
      {items
        .filter((item) => item.kind === 'error' && item.id > after)
        .map((item) => (
          <Alert key={item.id} message={item} />
        ))}
    </div>
  );
}

/** Two live regions, present from the start so that screen readers announce what appears in them. */
export function Alerts() {
  const items = useAppSelector(selectMessages);
  return (
    <div className="messages">
      <div role="status">
        {items
          .filter((item) => item.kind === 'success')
          .map((item) => (
            <Alert key={item.id} message={item} />
          ))}
      </div>
      <ErrorAlerts />
    </div>
  );
}
