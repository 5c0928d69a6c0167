import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that signs audit checkpoints: Ed25519, kept outside the database. From `SVERKA_AUDIT_KEY` (the PKCS#8
 * PEM text, or its DER in base64) or `SVERKA_AUDIT_KEY_FILE` (a PEM file); otherwise one is made on first start
 * in the data directory (`audit-signing-key.pem`, readable by the owner only, the public half beside it). Whoever
 * verifies keeps a copy of the public key elsewhere: `sverka audit-key` prints it.
 */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** the first 16 hex digits of the SHA-256 of the public key's DER */
  keyId: string;
  /** where it came from, for the log */
  source: string;
}

export const keyIdOf = (publicKey: KeyObject): string => createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);

function privateKeyOf(text: string | Buffer, where: string): KeyObject {
  let key: KeyObject;
  try {
    const pem = text.toString().trim();
    key = pem.startsWith('-----BEGIN') ? createPrivateKey(pem.replace(/\\n/g, '\n')) : createPrivateKey({ key: Buffer.from(pem, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error(`${where}: не удалось прочитать закрытый ключ (нужен Ed25519 в PEM PKCS#8 или base64 DER)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where}: ключ подписи журнала аудита должен быть Ed25519, а не ${key.asymmetricKeyType}`);
  return key;
}

const withPublic = (privateKey: KeyObject, source: string): SigningKey => {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), source };
};

export function loadSigningKey(opts: { key?: string | undefined; keyFile?: string | undefined; dataDir: string }): SigningKey {
  if (opts.key) return withPublic(privateKeyOf(opts.key, 'SVERKA_AUDIT_KEY'), 'SVERKA_AUDIT_KEY');
  if (opts.keyFile) {
    let text: Buffer;
    try {
      text = readFileSync(opts.keyFile);
    } catch {
      throw new Error(`SVERKA_AUDIT_KEY_FILE: не удалось прочитать ${opts.keyFile}`);
    }
    return withPublic(privateKeyOf(text, opts.keyFile), opts.keyFile);
  }
  const file = join(opts.dataDir, 'audit-signing-key.pem');
  if (existsSync(file)) return withPublic(privateKeyOf(readFileSync(file), file), file);
  mkdirSync(opts.dataDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  chmodSync(file, 0o600);
  writeFileSync(join(opts.dataDir, 'audit-signing-key.pub.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
  return withPublic(privateKey, `${file} (создан)`);
}

/** A public key to verify with, from a PEM file (or the private key's file: its public half is taken). */
export function loadPublicKey(path: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Не удалось прочитать открытый ключ ${path}`);
  }
  let key: KeyObject;
  try {
    key = text.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(text)) : createPublicKey(text);
  } catch {
    throw new Error(`${path}: не удалось прочитать открытый ключ (нужен Ed25519 в PEM)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path}: ключ должен быть Ed25519, а не ${key.asymmetricKeyType}`);
  return key;
}
