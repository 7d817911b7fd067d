import type { ReactNode } from 'react';

/** The narrow card that signing in and registering share: a title, the form, and a line under it. */
export function FormCard({ title, intro, foot, children }: { title: string; intro?: string; foot: ReactNode; children: ReactNode }) {
  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
        {children}
        <p className="muted form-foot">{foot}</p>
      </div>
    </div>
  );
}
