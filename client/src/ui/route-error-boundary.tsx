import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../i18n';
import { Alert } from './alert';

interface Props { resetKey: string; children: ReactNode }
interface State { failedAt: string | null }

/**
 * Catches a page that fails to render, typically because its code chunk could not be downloaded
 * (offline, or a deploy replaced the hashed file). React.lazy caches the failed import, so the way
 * out is a full reload; navigating elsewhere also clears the error.
 */
class Boundary extends Component<Props, State> {
  state: State = { failedAt: null };

  static getDerivedStateFromError(): Partial<State> {
    return { failedAt: '' };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    this.setState({ failedAt: this.props.resetKey });
    console.error('page failed to load', error, info.componentStack);
  }

  componentDidUpdate(prev: Props) {
    if (this.state.failedAt !== null && prev.resetKey !== this.props.resetKey && this.state.failedAt !== this.props.resetKey) {
      this.setState({ failedAt: null });
    }
  }

  render() {
    return this.state.failedAt === null ? this.props.children : <PageLoadError />;
  }
}

function PageLoadError() {
  const { t } = useI18n();
  return (
    <div className="container narrow" data-testid="page-load-error">
      <Alert
        tone="error"
        title={t('page.loadFailed')}
        action={<button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>{t('common.reload')}</button>}
      >
        {t('page.loadFailedText')}
      </Alert>
    </div>
  );
}

export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <Boundary resetKey={pathname}>{children}</Boundary>;
}
