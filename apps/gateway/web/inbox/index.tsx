import './inbox.css';
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('app')!;
// Replace the server's "loading" placeholder rather than render next to it.
root.textContent = '';
render(<App />, root);
