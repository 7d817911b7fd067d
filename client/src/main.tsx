import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadInitialLanguage } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// An English reader's dictionary is its own chunk: render once it is here, so the first paint is not in Chinese.
void loadInitialLanguage().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
