import { registerAccount, type Account } from './support/accounts.js';
import { dropLeadsTable, startTestApp, type TestApp } from './support/test-app.js';

describe('Errors', () => {
  describe('in the default {msg, status} envelope', () => {
    let testApp: TestApp;
    let account: Account;

    beforeAll(async () => {
      testApp = await startTestApp();
      account = await registerAccount(testApp);
    });

    afterAll(async () => {
      await testApp.close();
    });

    const post = (path: string) => testApp.http().post(path).set('Authorization', account.auth);

    it('answers malformed JSON with 400 "JSON parse error - ..."', async () => {
      const response = await post('/api/leads').set('Content-Type', 'application/json').send('{"name": ').expect(400);
      expect(response.body.status).toBe(400);
      expect(Object.keys(response.body.msg)).toEqual(['detail']);
      expect(response.body.msg.detail).toMatch(/^JSON parse error - /);
    });

    it('answers a text/plain body with 415', async () => {
      const response = await post('/api/leads').set('Content-Type', 'text/plain').send('name=x').expect(415);
      expect(response.body).toEqual({ msg: { detail: 'Unsupported media type "text/plain" in request.' }, status: 415 });
    });

    it('answers a body over 1 MiB with 413 and writes nothing', async () => {
      const huge = { name: 'Big', email: 'big@example.com', message: 'x'.repeat(1024 * 1024) };
      const response = await post('/api/leads').send(huge).expect(413);
      expect(response.body.status).toBe(413);
      expect(typeof response.body.msg.detail).toBe('string');
      const list = await testApp.http().get('/api/leads').set('Authorization', account.auth).expect(200);
      expect(list.body).toEqual([]);
    });

    it('answers an unknown route with 404 "Not found."', async () => {
      const response = await testApp.http().get('/api/nothing-here').expect(404);
      expect(response.body).toEqual({ msg: { detail: 'Not found.' }, status: 404 });
    });

    it('answers a known route called with the wrong method with 405 and Allow', async () => {
      const response = await testApp.http().put('/api/auth/user/').set('Authorization', account.auth).expect(405);
      expect(response.body).toEqual({ msg: { detail: 'Method "PUT" not allowed.' }, status: 405 });
      expect(response.headers.allow).toContain('GET');
      await testApp.http().get('/api/auth/login').expect(405);
    });

    it('answers OPTIONS on a known path with 204 and the methods it takes', async () => {
      const response = await testApp.http().options('/api/leads/').expect(204);
      expect(response.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS', 'POST']);
      await testApp.http().options('/api/nowhere').expect(404);
    });

    it('answers a JSON body in a charset JSON cannot have with 415', async () => {
      const response = await post('/api/leads').set('Content-Type', 'application/json; charset=latin1').send('{}').expect(415);
      expect(response.body.status).toBe(415);
    });

    it('answers JSON with the charset on errors too', async () => {
      const response = await testApp.http().get('/api/leads').expect(401);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    });
  });

  describe('with ERROR_FORMAT=drf (drop-in for the original client)', () => {
    let testApp: TestApp;
    let account: Account;

    beforeAll(async () => {
      testApp = await startTestApp({ ERROR_FORMAT: 'drf' });
      account = await registerAccount(testApp);
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('answers field errors with the bare DRF body', async () => {
      await testApp.http().post('/api/leads').set('Authorization', account.auth).send({ name: 'A', email: 'a@b.io' }).expect(201);
      const response = await testApp
        .http()
        .post('/api/leads/')
        .set('Authorization', `Token ${account.token}`)
        .send({ name: 'A', email: 'a@b.io' })
        .expect(400);
      expect(response.body).toEqual({ email: ['lead with this email already exists.'] });
      expect(response.body.email.join()).toBe('lead with this email already exists.');
    });

    it('keeps the headers and statuses of 405, 413 and 415, with bare bodies', async () => {
      const wrongMethod = await testApp.http().put('/api/auth/user').set('Authorization', account.auth).expect(405);
      expect(wrongMethod.body).toEqual({ detail: 'Method "PUT" not allowed.' });
      expect(wrongMethod.headers.allow).toContain('GET');

      const tooLarge = await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', account.auth)
        .send({ name: 'Big', email: 'big@example.com', message: 'x'.repeat(1024 * 1024) })
        .expect(413);
      expect(Object.keys(tooLarge.body)).toEqual(['detail']);

      const unsupported = await testApp
        .http()
        .post('/api/leads')
        .set('Authorization', account.auth)
        .set('Content-Type', 'text/plain')
        .send('x')
        .expect(415);
      expect(unsupported.body).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    });

    it('answers login failures, auth failures and 404s bare too', async () => {
      const login = await testApp.http().post('/api/auth/login').send({ username: 'ghost', password: 'nope-nope' }).expect(400);
      expect(login.body).toEqual({ non_field_errors: ['Incorrect Credentials'] });

      const auth = await testApp.http().get('/api/auth/user').expect(401);
      expect(auth.body).toEqual({ detail: 'Authentication credentials were not provided.' });
      expect(auth.headers['www-authenticate']).toBe('Bearer realm="api"');

      const missing = await testApp.http().get('/api/leads/424242').set('Authorization', account.auth).expect(404);
      expect(missing.body).toEqual({ detail: 'Not found.' });
    });
  });

  describe('on an unexpected failure', () => {
    let testApp: TestApp;

    beforeAll(async () => {
      testApp = await startTestApp();
    });

    afterAll(async () => {
      await testApp.close();
    });

    it('answers 500 "Internal server error." with no SQL, driver message or path', async () => {
      const account = await registerAccount(testApp);
      await dropLeadsTable(testApp);
      const response = await testApp.http().get('/api/leads').set('Authorization', account.auth).expect(500);
      expect(response.body).toEqual({ msg: { detail: 'Internal server error.' }, status: 500 });
      expect(response.text).not.toMatch(/leads|SELECT|sqlite|relation|\/src\//i);
    });
  });
});
