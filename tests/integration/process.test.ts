import { expect } from 'chai';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function run(args: string[], env: Record<string, string>, until?: RegExp, timeoutMs = 30_000): Promise<{ code: number | null; out: string; child: ReturnType<typeof spawn> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => resolve({ code: null, out, child }), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (until && until.test(out)) {
        clearTimeout(timer);
        resolve({ code: null, out, child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, child });
    });
  });
}

describe('starting the platform', () => {
  it('when a configuration value is bad, then start-up stops naming the variable', async function () {
    this.timeout(30_000);
    const r = await run(['server/main.ts'], { PORT: 'eighty', DATA_DIR: path.join(os.tmpdir(), 'unused') });
    expect(r.code).to.not.equal(0);
    expect(r.out).to.match(/PORT/);
    const r2 = await run(['server/main.ts'], { INQUIRY_PLATFORMS: '[{"name": "A"', DATA_DIR: path.join(os.tmpdir(), 'unused') });
    expect(r2.code).to.not.equal(0);
    expect(r2.out).to.match(/INQUIRY_PLATFORMS/);
  });

  it('when the server runs on the embedded database, then it seeds a demo and a second process gets a clear error, not a corrupted folder', async function () {
    // A first start compiles the server, migrates a new folder and seeds the demo: on a busy machine, minutes.
    this.timeout(300_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auction-embedded-'));
    const server = await run(['server/main.ts'], { DATA_DIR: dataDir, PORT: '0' }, /running at/, 180_000);
    try {
      expect(server.out).to.match(/running at http:\/\/localhost:\d+/);
      expect(server.out).to.match(/bidder@demo\.court/).and.match(/court@demo\.court/).and.match(/finance@demo\.court/).and.match(/admin@demo\.court/);
      const second = await run(['scripts/create-user.ts', '--email', 'late@example.com', '--password', 'long-enough-1', '--role', 'finance'], { DATA_DIR: dataDir });
      expect(second.code).to.not.equal(0);
      expect(second.out).to.match(/in use by process \d+/);
    } finally {
      // A server that already stopped (it failed to start) has no exit left to wait for.
      if (server.child.exitCode === null && server.child.signalCode === null) {
        const exited = new Promise((r) => server.child.once('exit', r));
        server.child.kill('SIGTERM');
        await exited;
      }
    }
    const after = await run(['scripts/create-user.ts', '--email', 'late@example.com', '--password', 'long-enough-1', '--role', 'finance'], { DATA_DIR: dataDir });
    expect(after.code, after.out).to.equal(0);
    expect(after.out).to.match(/Created late@example.com with roles finance/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('the embedded database folder lock', () => {
  it('when a folder is opened and closed again and again, then each close takes its exit hook with it and a reopen works', async function () {
    this.timeout(120_000);
    const { openDatabase } = await import('../../server/platform/db/index');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auction-lock-'));
    try {
      for (let i = 0; i < 3; i++) {
        // Other parts of the process may add or drop exit listeners meanwhile: follow the one this open adds.
        const before = new Set(process.listeners('exit'));
        const database = await openDatabase({ dataDir: dir });
        const added = process.listeners('exit').filter((l) => !before.has(l));
        expect(added.length).to.be.at.least(1);
        await database.close();
        expect(process.listeners('exit').filter((l) => added.includes(l))).to.deep.equal([]);
        expect(fs.existsSync(path.join(dir, 'platform.lock'))).to.equal(false);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
