import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

export function Alert({ tone = 'info', title, children, action, testId }: { tone?: Tone; title?: ReactNode; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div className="alert-body">
        {title && <strong className="alert-title">{title}</strong>}
        {children && <div className="alert-text">{children}</div>}
      </div>
      {action && <div className="alert-action">{action}</div>}
    </div>
  );
}
