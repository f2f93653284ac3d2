import { combineReducers, configureStore, createListenerMiddleware, isAnyOf } from '@reduxjs/toolkit';
import { apiSlice } from '../api/apiSlice';
import { isSessionEnd } from '../api/errors';
import { authSlice, isLogin, isLogout } from '../features/auth';
import { messagesSlice } from '../features/messages';
import { loggedIn, loggedOut, routerSlice } from '../features/router';

export const rootReducer = combineReducers({
  [apiSlice.reducerPath]: apiSlice.reducer,
  auth: authSlice.reducer,
  messages: messagesSlice.reducer,
  router: routerSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

/**
 * Where features meet: a change of session leads to its page (the router
 * knows nothing of auth), and the server data cached for one user is dropped
 * (another user's session must never see it).
 */
function sessionListeners() {
  const listeners = createListenerMiddleware<RootState>();
  listeners.startListening({ matcher: isLogin, effect: (_, { dispatch }) => void dispatch(loggedIn()) });
  listeners.startListening({ matcher: isLogout, effect: (_, { dispatch }) => void dispatch(loggedOut()) });
  listeners.startListening({
    matcher: isAnyOf(isLogin, isLogout, isSessionEnd),
    effect: (_, { dispatch }) => void dispatch(apiSlice.util.resetApiState()),
  });
  return listeners.middleware;
}

export function createStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().prepend(sessionListeners()).concat(apiSlice.middleware),
  });
}

export type AppStore = ReturnType<typeof createStore>;
export type AppDispatch = AppStore['dispatch'];
