/**
 * The fixtures themselves: what the other browser tests rely on must hold, and fail loudly when
 * it does not.
 */
import { expect, test } from '../fixtures';

test.use({ serverRoot: 'empty' });

test('the server answers with its token and refuses requests without it', async ({
  server
}) => {
  const withToken = await fetch(`${server.baseURL}api/contents`, {
    headers: { Authorization: `token ${server.token}` }
  });
  expect(withToken.status).toBe(200);
  const withoutToken = await fetch(`${server.baseURL}api/contents`);
  expect(withoutToken.status).toBe(403);
  expect(server.url('lab/tree/a.ipynb')).toBe(
    `${server.baseURL}lab/tree/a.ipynb?token=${server.token}`
  );
});

test('files written by a test are served, and none may leave the server root', async ({
  server
}) => {
  await server.writeFile('data/notes.txt', 'hello');
  const response = await fetch(`${server.baseURL}api/contents/data/notes.txt`, {
    headers: { Authorization: `token ${server.token}` }
  });
  expect((await response.json()).content).toBe('hello');
  expect(await server.readFile('data/notes.txt')).toBe('hello');
  await expect(server.writeFile('../escape.txt', 'x')).rejects.toThrow(
    /outside the server root/
  );
});

test('an unexpected console error fails the test (listed as ✘: expected to fail)', async ({
  lab
}) => {
  test.fail(
    true,
    'the lab fixture must turn an unexpected console error into a failure'
  );
  await lab.page.evaluate(() => console.error('deliberate error from a test'));
  await expect.poll(() => lab.consoleErrors.length).toBe(1);
});

test.describe('allowed console errors', () => {
  test.use({ allowedConsoleErrors: [/deliberate error/] });

  test('do not fail the test and are still recorded', async ({ lab }) => {
    await lab.page.evaluate(() =>
      console.error('deliberate error from a test')
    );
    await expect
      .poll(() => lab.consoleErrors)
      .toEqual([expect.stringContaining('deliberate error from a test')]);
  });
});

test('the server answers /api/me, which jupyter_server 1.x lacks', async ({
  server
}) => {
  const permissions = encodeURIComponent(
    JSON.stringify({ contents: ['read', 'write'] })
  );
  const response = await fetch(
    `${server.baseURL}api/me?permissions=${permissions}`,
    { headers: { Authorization: `token ${server.token}` } }
  );
  expect(response.status).toBe(200);
  const me = await response.json();
  expect(me.identity.username).toEqual(expect.any(String));
  expect(me.permissions).toEqual({ contents: ['read', 'write'] });
});
