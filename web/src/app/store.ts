import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { useDispatch, useSelector } from 'react-redux';
import { sessionsSlice } from '../features/account/sessionsSlice';
import { authSlice } from '../features/auth/authSlice';
import { leadsSlice } from '../features/leads/leadsSlice';
import { messagesSlice } from '../features/messages/messagesSlice';
import { routerSlice } from '../features/router/routerSlice';

export const rootReducer = combineReducers({
  auth: authSlice.reducer,
  leads: leadsSlice.reducer,
  sessions: sessionsSlice.reducer,
  messages: messagesSlice.reducer,
  router: routerSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export function createStore(preloadedState?: Partial<RootState>) {
  return configureStore({ reducer: rootReducer, preloadedState });
}

export type AppStore = ReturnType<typeof createStore>;
export type AppDispatch = AppStore['dispatch'];
export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
