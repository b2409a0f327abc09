import type { ReactNode } from 'react';
import { Component, Fragment } from 'react';

/**
 * Keeps an error in one part of the page to that part: it is said where the part was, with a button that
 * draws it again (and asks for its data again, `onRetry`), while the rest of the page keeps working. The
 * part is also drawn again when its data changes (`resetKey`): the figures of another filter, say.
 */
export class ErrorBoundary extends Component<
  { what: string; onRetry?: () => void; resetKey?: unknown; children: ReactNode },
  { error: string | null; attempt: number }
> {
  override state = { error: null as string | null, attempt: 0 };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidUpdate(previous: { resetKey?: unknown }) {
    if (this.state.error !== null && previous.resetKey !== this.props.resetKey) this.redraw();
  }

  private redraw() {
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  }

  private retry = () => {
    this.redraw();
    this.props.onRetry?.();
  };

  override render() {
    // a new key on each attempt: the part is mounted afresh, not left in the state it failed in
    if (this.state.error === null) return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
    return (
      <div role="alert" className="error-banner">
        <p>
          The {this.props.what} could not be shown: {this.state.error}
        </p>
        <button type="button" className="button button-small" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}
