import { X509Certificate, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** A throwaway TLS identity for a local HTTPS stand-in: trust `cert` as a CA to reach it. */
export interface SelfSignedCertificate {
  cert: string;
  key: string;
}

// Just enough DER to write one X.509 v3 certificate: generating it here keeps private keys
// out of the repository (secret scanners flag committed PEM keys) and needs no openssl binary.
const length = (size: number): Buffer => {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items);
const oid = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
const utcTime = (date: Date): Buffer => tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'ascii'));
const name = (commonName: string): Buffer => sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
const ipBytes = (ip: string): Buffer => Buffer.from(ip.split('.').map(Number));

/** Creates an RSA certificate for `127.0.0.1` and `localhost`, valid from an hour ago for a day. */
export function createSelfSignedCertificate(commonName = 'Heimo test authority'): SelfSignedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05)); // sha256WithRSAEncryption
  const serial = randomBytes(8);
  // DER wants a positive INTEGER in minimal form: top bit clear, and no leading zero byte.
  serial[0] = ((serial[0] ?? 0) & 0x7f) || 0x01;
  const subjectAltName = sequence(tlv(0x87, ipBytes('127.0.0.1')), tlv(0x82, Buffer.from('localhost', 'ascii')));
  const extensions = tlv(
    0xa3,
    sequence(
      sequence(oid('2.5.29.17'), tlv(0x04, subjectAltName)),
      // CA:TRUE lets the same certificate be both the server's and the client's trust anchor.
      sequence(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, sequence(tlv(0x01, Buffer.from([0xff]))))),
    ),
  );
  const now = Date.now();
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    algorithm,
    name(commonName),
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const cert = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  new X509Certificate(cert); // fails loudly here rather than as an obscure TLS error later
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
