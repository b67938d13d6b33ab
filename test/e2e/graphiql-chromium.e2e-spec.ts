import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app';

/*
 * GraphiQL served by Estate at GET /graphql, used in real headless Chromium (Debian's `chromium`,
 * driven by playwright-core) with every request off this host refused: the page must work offline.
 */

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let app: TestApp;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  // CI installs Chromium (.ci/run), so a missing browser is a broken setup: fail, never skip.
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the GraphiQL test needs it. Install it with ` +
        '"apt-get update && apt-get install -y chromium" (Debian), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  app = await createTestApp();
  await app.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(app.app.getHttpServer().address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  if (browser) await browser.close();
  if (app) await app.close();
});

/** The URLs of the page's scripts and stylesheets, as the page names them. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((m) => m[1]);
}

describe('GraphiQL over HTTP', () => {
  it('serves the page to a browser at GET /graphql, with a strict CSP and no inline script', async () => {
    const response = await request(app.app.getHttpServer()).get('/graphql').set('Accept', BROWSER_ACCEPT);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers.vary).toContain('Accept');
    expect(response.text).toContain('<div id="graphiql">');
    expect(response.text).not.toMatch(/<script>|<style>|https?:\/\//);
    expect(assetUrls(response.text)).toHaveLength(6);
  });

  it('serves every asset with its content type and a long cache lifetime; unknown names are 404', async () => {
    const page = await request(app.app.getHttpServer()).get('/graphql').set('Accept', 'text/html');
    const urls = assetUrls(page.text);
    for (const url of urls) {
      const response = await request(app.app.getHttpServer()).get(url);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(
        url.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      );
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(response.headers['content-length'])).toBeGreaterThan(50);
    }
    expect(urls.filter((url) => url.endsWith('.js'))).toHaveLength(4);
    expect((await request(app.app.getHttpServer()).get('/graphiql/graphiql.min.js')).status).toBe(404);
    expect((await request(app.app.getHttpServer()).get('/graphiql/..%2Fpackage.json')).status).toBe(404);
  });

  it('leaves every other /graphql request to Apollo', async () => {
    const server = app.app.getHttpServer();
    const get = await request(server)
      .get('/graphql')
      .query({ query: '{ me { name role } }' })
      .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .set('Accept', BROWSER_ACCEPT)
      .set('apollo-require-preflight', 'true');
    expect(get.status).toBe(200);
    expect(get.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
    expect(get.body).toEqual({ data: { me: { name: 'ESTATE_ADMIN_TOKEN', role: 'ADMIN' } } });

    const jsonGet = await request(server).get('/graphql').set('Accept', 'application/json');
    expect(jsonGet.headers['content-type']).not.toContain('text/html');
    expect(jsonGet.status).toBe(400);

    const post = await request(server)
      .post('/graphql')
      .set('Accept', BROWSER_ACCEPT)
      .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      .send({ query: '{ __typename }' });
    expect(post.status).toBe(200);
    expect(post.body).toEqual({ data: { __typename: 'Query' } });

    expect((await app.gqlAs(null, '{ me { name } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('GraphiQL in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const offHost: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === baseUrl) return route.continue();
      offHost.push(url.href);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${baseUrl}/graphql`, { waitUntil: 'load' });
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  });

  afterAll(async () => {
    if (context) await context.close();
  });

  /** Replaces the text of a CodeMirror editor by typing, as a person would. */
  async function typeInto(editor: string, text: string): Promise<void> {
    await page.locator(`${editor} .CodeMirror`).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(text);
    await page.keyboard.press('Escape'); // closes an autocompletion list, if one opened
    expect(await editorText(editor)).toBe(text);
  }

  function editorText(editor: string): Promise<string> {
    return page
      .locator(`${editor} .CodeMirror`)
      .evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
  }

  /** Runs the query with the execute button and returns the response pane's text once it has some. */
  async function run(): Promise<any> {
    const response = '.graphiql-response';
    await page.locator(`${response} .CodeMirror`).evaluate((element) => {
      (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue('');
    });
    await page.locator('button.graphiql-execute-button').click();
    await page.waitForFunction(
      (selector) =>
        (
          document.querySelector(selector) as unknown as { CodeMirror: { getValue(): string } }
        ).CodeMirror.getValue() !== '',
      `${response} .CodeMirror`,
    );
    return JSON.parse(await editorText(response));
  }

  it('opens with the Headers editor prefilled with an Authorization header to complete', async () => {
    expect(await page.title()).toBe('Estate · GraphiQL');
    const headers = JSON.parse(await editorText('.graphiql-editor-tool .graphiql-editor:not(.hidden)'));
    expect(headers).toEqual({ Authorization: 'Bearer ' });
  });

  it('runs a query typed into the editor with the token from the Headers editor', async () => {
    await typeInto('.graphiql-query-editor', '{ me { name role } }');
    await typeInto(
      '.graphiql-editor-tool .graphiql-editor:not(.hidden)',
      `{"Authorization": "Bearer ${TEST_ADMIN_TOKEN}"}`,
    );
    const result = await run();
    expect(result).toEqual({ data: { me: { name: 'ESTATE_ADMIN_TOKEN', role: 'ADMIN' } } });
    await expect(page.locator('.graphiql-response').innerText()).resolves.toContain('ADMIN');
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql.png') });
    expect(fs.statSync(path.join(ARTIFACTS, 'graphiql.png')).size).toBeGreaterThan(10_000);
  });

  it('shows UNAUTHENTICATED without the header', async () => {
    await typeInto('.graphiql-editor-tool .graphiql-editor:not(.hidden)', '{}');
    const result = await run();
    expect(result.data).toBeNull();
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('loaded nothing from off this host and logged no errors', () => {
    expect(offHost).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('GraphiQL with introspection off', () => {
  it('still opens and shows why it has no schema', async () => {
    const closed = await createTestApp({ sameDatabaseAs: app, env: { ESTATE_INTROSPECTION: 'false' } });
    try {
      await closed.app.listen(0, '127.0.0.1');
      const port = (closed.app.getHttpServer() as { address(): { port: number } }).address().port;
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${port}/graphql`, { waitUntil: 'load' });
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      await page.waitForFunction(() =>
        document.querySelector('.graphiql-response')?.textContent?.includes('INTROSPECTION_DISABLED'),
      );
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await closed.close();
    }
  });
});
