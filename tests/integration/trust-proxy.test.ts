import crypto from 'node:crypto';
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server';

const freshIp = () => `203.0.${crypto.randomInt(0, 256)}.${crypto.randomInt(1, 255)}`;

/**
 * Every per-address limit counts by the client address that TRUST_PROXY lets a proxy name. The tests' requests
 * all come from 127.0.0.1, which is where a proxy on the same host would be.
 */
describe('the client address behind proxies (TRUST_PROXY)', () => {
  const servers: TestServer[] = [];
  after(async () => { for (const s of servers) await s.stop(); });
  const start = async (env: Record<string, string>) => {
    const t = await startTestServer({ jobs: false, env: { PUBLIC_READS_PER_MINUTE: '2', ...env } });
    servers.push(t);
    return t;
  };
  const regions = (t: TestServer, ip: string) => t.anon.request('GET', '/api/regions', undefined, { headers: { 'x-forwarded-for': ip } });

  it('when the proxy on this host names three clients, then each has its own share', async function () {
    this.timeout(60_000);
    const t = await start({});
    for (const ip of [freshIp(), freshIp(), freshIp()]) {
      expect((await regions(t, ip)).status).to.equal(200);
      expect((await regions(t, ip)).status).to.equal(200);
    }
  });

  it('when no proxy is trusted (TRUST_PROXY=0), then a client cannot pick an address with the header: its third request is 429', async function () {
    this.timeout(60_000);
    const t = await start({ TRUST_PROXY: '0' });
    expect((await regions(t, freshIp())).status).to.equal(200);
    expect((await regions(t, freshIp())).status).to.equal(200);
    const third = await regions(t, freshIp());
    expect(third.status).to.equal(429);
    expect(third.body.error.code).to.equal('RATE_LIMITED');
  });

  it('when proxies are trusted by subnet, then the address they name counts, and one named by an untrusted hop does not', async function () {
    this.timeout(60_000);
    // 127.0.0.1 (the proxy) is trusted; 198.51.100.7, which the client claims as a further proxy, is not.
    const t = await start({ TRUST_PROXY: '127.0.0.0/8' });
    const client = freshIp();
    expect((await regions(t, `${freshIp()}, ${client}`)).status).to.equal(200);
    expect((await regions(t, `${freshIp()}, ${client}`)).status).to.equal(200);
    const r = await regions(t, `${freshIp()}, ${client}`);
    expect(r.status, 'the forged left-most address must not give a new share').to.equal(429);
  });
});
