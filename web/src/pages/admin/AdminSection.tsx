import type { ReactNode } from 'react';

/** One part of the admin console: a title, what it is for, its actions and its content. */
export function AdminSection({ id, title, lead, actions, children }: { id: string; title: string; lead?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="admin-section" aria-labelledby={`${id}-title`} data-section={id}>
      <header className="admin-section__head">
        <div>
          <h2 id={`${id}-title`} className="admin-section__title">{title}</h2>
          {lead ? <p className="admin-section__lead">{lead}</p> : null}
        </div>
        {actions ? <div className="admin-section__actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
