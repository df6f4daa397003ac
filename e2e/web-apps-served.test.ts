import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../hub/test/harness.ts';

/** The addresses a person types or scans: each must answer with its app's page, not an error. */
describe('the web apps as the hub serves them', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  const page = async (path: string) => {
    const response = await fetch(t.baseUrl + path);
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text(), url: response.url };
  };

  it('sends / to the staff pages, and serves each app at its folder address and its deep links', async () => {
    const root = await page('/');
    expect(root.url).toBe(`${t.baseUrl}/admin/`);
    for (const path of ['/admin/', '/admin/tables', '/kds/', '/kds', `/t/${t.tableCode('table-1')}`]) {
      const response = await page(path);
      expect({ path, status: response.status, type: response.type }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
      expect(response.text).toContain('<script type="module"');
    }
  });

  it('serves the built scripts, and a missing asset is a 404, not a page', async () => {
    const index = await page('/t/anything');
    const script = /src="(\/t\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    const asset = await page(script!);
    expect(asset.status).toBe(200);
    expect(asset.type).toContain('javascript');
    expect((await page('/t/assets/missing.js')).status).toBe(404);
  });
});
