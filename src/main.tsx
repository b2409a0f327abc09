import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { startDatasetWorker } from './app/dataset-client.ts';
import { ErrorBoundary } from './app/error-boundary.tsx';
import './app/styles.css';
import { warmUpViews } from './app/view-warm-up.tsx';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const client = startDatasetWorker();
createRoot(root).render(
  <StrictMode>
    {/* the last resort: an error no panel caught is said on the page, never a blank page */}
    <ErrorBoundary what="dashboard">
      <App client={client} />
    </ErrorBoundary>
  </StrictMode>,
);
// while the page waits for a file: see view-warm-up.tsx
void warmUpViews(client);
