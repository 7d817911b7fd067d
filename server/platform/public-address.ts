/**
 * Outbound requests to addresses an administrator typed (the inquiry platforms added on the admin page) may reach
 * only the public internet: never this host, the private network or the cloud metadata service (SSRF). The check
 * runs when the address is saved (the host's name is resolved then) and again when each connection is made, on
 * the address actually connected to, so a name that later resolves elsewhere (DNS rebinding) is refused too.
 */
import dns from 'node:dns';
import net from 'node:net';
import { Agent } from 'undici';

const blocked = new net.BlockList();
for (const [addr, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10]] as const) {
  blocked.addSubnet(addr, bits, 'ipv4');
}
for (const [addr, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) blocked.addSubnet(addr, bits, 'ipv6');

/** Whether an IP address is loopback, private, link-local (incl. 169.254.169.254), 0.0.0.0/8 or unspecified. */
export function isNonPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(ip, 'ipv6');
  }
  return blocked.check(ip, 'ipv4');
}

/** Why a URL may not be used for an outbound request; the codes are the field errors a client words. */
export type UrlProblem = 'url_scheme' | 'url_userinfo' | 'url_query' | 'url_not_public';

const LOOKUP_TIMEOUT_MS = 3_000;

async function resolveAll(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      dns.promises.lookup(host, { all: true, verbatim: true }).then((r) => r.map((a) => a.address)),
      new Promise<string[]>((resolve) => { timer = setTimeout(() => resolve([]), LOOKUP_TIMEOUT_MS); }),
    ]);
  } catch {
    return []; // a name that does not resolve now reaches nothing; the check at connection time still applies
  } finally {
    clearTimeout(timer);
  }
}

/** Checks an address an administrator gives for outbound requests: http(s), no userinfo/query/fragment, a public host. */
export async function publicUrlProblem(raw: string): Promise<UrlProblem | null> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'url_scheme';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'url_scheme';
  if (u.username !== '' || u.password !== '') return 'url_userinfo';
  if (raw.includes('?') || raw.includes('#')) return 'url_query';
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIP(host)) return isNonPublicAddress(host) ? 'url_not_public' : null;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'url_not_public';
  const addresses = await resolveAll(host);
  return addresses.some(isNonPublicAddress) ? 'url_not_public' : null;
}

/** A dispatcher whose every connection refuses a non-public address, checked on the address actually resolved. */
export const publicOnlyAgent = new Agent({
  connect: {
    lookup(hostname, options, callback) {
      dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 0);
        const list = addresses as dns.LookupAddress[];
        const bad = list.find((a) => isNonPublicAddress(a.address));
        if (bad || list.length === 0) {
          return callback(new Error(`${hostname} resolves to a non-public address; refused`), '', 0);
        }
        if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
        return callback(null, list[0].address, list[0].family);
      });
    },
  },
});
