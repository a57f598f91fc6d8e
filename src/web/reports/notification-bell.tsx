import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { post } from '../lib/api.ts';
import { formatDateTime, useI18n } from '../lib/i18n.tsx';
import { usePoll } from '../lib/poll.ts';
import type { NotificationList } from './types.ts';
import './notification-bell.css';

const POLL_MS = 60_000;

/**
 * The bell in the top bar: unread count (polled every minute, paused while the tab is hidden) and
 * a disclosure panel with the latest notifications. Opening an item marks it read.
 */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const polled = usePoll<NotificationList>('/me/notifications', POLL_MS, { limit: '10' });
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const unread = polled.data?.unread ?? 0;
  const items = polled.data?.items ?? [];

  // Esc and a click outside close the panel; focus goes back to the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (wrapRef.current && !wrapRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const markRead = async (ids: string[] | 'all') => {
    try {
      await post('/me/notifications/read', { ids });
    } finally {
      polled.refresh();
    }
  };

  const label = unread ? t('web.notifications.labelUnread', { n: unread }) : t('web.notifications.label');
  return (
    <div className="notif" ref={wrapRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-secondary btn-small notif-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">🔔</span>
        {unread ? (
          <span className="notif-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      <div id={panelId} className="notif-panel" hidden={!open}>
        <div className="notif-head">
          <h2>{t('web.notifications.title')}</h2>
          {unread ? (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => markRead('all')}>
              {t('web.notifications.markAll')}
            </button>
          ) : null}
        </div>
        {items.length === 0 ? (
          <p className="muted">{t('web.notifications.empty')}</p>
        ) : (
          <ul>
            {items.map((n) => (
              <li key={n.id} className={n.readAt ? 'notif-read' : 'notif-unread'}>
                {n.link?.startsWith('/app/') ? (
                  <Link
                    to={n.link}
                    onClick={() => {
                      setOpen(false);
                      if (!n.readAt) void markRead([n.id]);
                    }}
                  >
                    {n.title}
                  </Link>
                ) : (
                  <strong>{n.title}</strong>
                )}
                {n.readAt ? null : <span className="sr-only"> ({t('web.notifications.unread')})</span>}
                <p>{n.body}</p>
                <p className="small muted">{formatDateTime(locale, n.createdAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
