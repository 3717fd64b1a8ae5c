/** Headless Chromium (Debian's package) for rendering the HTML report as a person would see it. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
const BOUND_MS = 30_000;

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

/**
 * Renders a local file once, with a fresh profile and no network chatter (this machine's network
 * is closed; without these flags Chromium retries Google hosts at every start): a PNG screenshot,
 * and the DOM after layout on stdout.
 */
export function renderPage(file: string, screenshot: string, windowSize = '1200,2400'): Promise<{ code: number | null; dom: string; stderr: string }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-conformance-chromium-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    `--window-size=${windowSize}`,
    `--screenshot=${screenshot}`,
    '--dump-dom',
    `file://${file}`,
  ];
  return new Promise((resolve) => {
    const child = spawn(CHROMIUM, flags, { stdio: ['ignore', 'pipe', 'pipe'] });
    let dom = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (dom += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      fs.rmSync(profile, { recursive: true, force: true });
      resolve({ code, dom, stderr });
    });
  });
}
