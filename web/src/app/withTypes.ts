import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ApiFailure } from '../api/errors';
import type { AppDispatch, RootState } from './store';

/** `createAsyncThunk` typed once: the store's state and dispatch, and the refusal every request rejects with. */
export const createAppAsyncThunk = createAsyncThunk.withTypes<{ state: RootState; dispatch: AppDispatch; rejectValue: ApiFailure }>();
