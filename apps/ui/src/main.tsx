import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { connectToGateway } from './lib/fleet-client';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// One connection for the page's lifetime, created outside React so StrictMode's double
// effects in development never open two sockets.
const client = connectToGateway();

createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
