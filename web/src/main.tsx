import 'bootstrap/dist/css/bootstrap.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { authorizeWith } from './api/client';
import { App } from './app/App';
import { createStore } from './app/store';
import { selectToken } from './features/auth';
import { historyMoved } from './features/router';

/** The original client kept its token under this key too. */
const TOKEN_KEY = 'token';

const fromOf = (state: unknown) => ((state as { from?: unknown } | null)?.from as string | undefined) ?? null;

const store = createStore({
  auth: { token: localStorage.getItem(TOKEN_KEY), user: null },
  router: { path: location.pathname, search: location.search, from: fromOf(history.state), replace: true },
});
authorizeWith(() => selectToken(store.getState()));

// The store decides; the browser's storage and history follow it.
let previous = store.getState();
store.subscribe(() => {
  const state = store.getState();
  if (state.auth.token !== previous.auth.token) {
    if (state.auth.token) localStorage.setItem(TOKEN_KEY, state.auth.token);
    else localStorage.removeItem(TOKEN_KEY);
  }
  const { path, search, from, replace } = state.router;
  if (state.router !== previous.router && path + search !== location.pathname + location.search) {
    history[replace ? 'replaceState' : 'pushState']({ from }, '', path + search);
  }
  previous = state;
});
addEventListener('popstate', (event) =>
  store.dispatch(historyMoved({ path: location.pathname, search: location.search, from: fromOf(event.state) })),
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
);
