import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { startBenchDatabase } from './harness';

/**
 * The README's screenshot of the HTML plan report, made the way its quick start says: the demo
 * estate loaded, a plan of the 50 strongest candidates in waves of 10, its HTML report opened in
 * headless Chromium. `npm run screenshot` (needs Chromium: /usr/bin/chromium or CHROMIUM_PATH).
 */
const OUT = path.join(__dirname, '..', '..', 'bench', 'screenshots', 'plan-report.png');
const CLI = path.join(__dirname, '..', 'src', 'cli.js');

async function main(): Promise<void> {
  const database = await startBenchDatabase();
  const run = (...args: string[]) =>
    execFileSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: database.databaseUrl },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'estate-screenshot-'));
  try {
    run('demo');
    const plan = JSON.parse(
      run('plan', '--name', 'First cut', '--top', '50', '--capacity', '10', '--start-date', '2027-01-04', '--json'),
    ) as { id: string };
    const html = path.join(scratch, 'plan.html');
    run('report', plan.id, '--format', 'html', '--out', html);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(`file://${html}`);
      fs.mkdirSync(path.dirname(OUT), { recursive: true });
      await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1280, height: 1760 }, fullPage: true });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
