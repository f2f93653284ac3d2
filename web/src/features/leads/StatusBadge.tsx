import { type LeadStatus, STATUS_LABELS, STATUSES } from './view';

/** The statuses as a select offers them. */
export const STATUS_OPTIONS = STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));

const TONES: Readonly<Record<LeadStatus, string>> = {
  new: 'text-bg-primary',
  contacted: 'text-bg-info',
  qualified: 'text-bg-warning',
  won: 'text-bg-success',
  lost: 'text-bg-secondary',
};

/** A lead's status, in words (the colour only repeats them). */
export function StatusBadge({ status }: { status: LeadStatus }) {
  return <span className={`badge ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}

/** A time as the person's browser writes dates, with the exact instant for assistive technology and a hover. */
export function Time({ iso }: { iso: string }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={date.toISOString()}>
      {date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}
