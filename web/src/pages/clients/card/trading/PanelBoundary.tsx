import { Component, type ReactNode } from 'react';
import { ErrorState } from '../../../../components/ErrorState';

interface State {
  error: unknown;
}

/**
 * A rendering failure in the trading section (odd data from a platform gateway, a chart edge case)
 * stays inside the section: the rest of the client card keeps working, and "Try again" re-renders.
 */
export class PanelBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error)
      return <ErrorState error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
