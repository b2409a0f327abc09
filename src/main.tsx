import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { startDatasetWorker } from './app/dataset-client.ts';
import './app/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const client = startDatasetWorker();
createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
