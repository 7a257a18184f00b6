import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/root';
import { connectToGateway } from './lib/fleet-client';
import { loadToken } from './lib/session-token';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The connection for a token saved in this tab is opened outside React, so StrictMode's
// double rendering in development never opens two sockets.
const token = loadToken();
const client = token ? connectToGateway(token) : null;

createRoot(root).render(
  <StrictMode>
    <Root initialClient={client} />
  </StrictMode>,
);
