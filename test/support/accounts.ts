import type { TestApp } from './test-app.js';

export interface Account {
  id: number;
  username: string;
  password: string;
  token: string;
  /** `Authorization` header value for this account's token. */
  auth: string;
}

let counter = 0;

/** Registers a fresh user through the API and returns its first token. */
export async function registerAccount(testApp: TestApp, username = `user${++counter}`): Promise<Account> {
  const password = `pw-${username}-secret`;
  const response = await testApp
    .http()
    .post('/api/auth/register')
    .send({ username, password, email: `${username}@example.com` })
    .expect(201);
  const { user, token } = response.body as { user: { id: number }; token: string };
  return { id: user.id, username, password, token, auth: `Bearer ${token}` };
}
