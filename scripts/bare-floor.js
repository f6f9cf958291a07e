#!/usr/bin/env node
// The floor for the benchmark: a bare script doing N loopback HTTP exchanges with undici and M RS256
// signatures with jose, nothing else. It signs with a key read from a JWK file, as the suite does with
// its persisted keys. Usage: node scripts/bare-floor.js <exchanges> <signatures> <key-file>
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { importJWK, SignJWT } from 'jose';
import { request } from 'undici';

const [exchanges, signatures] = process.argv.slice(2, 4).map(Number);
const server = createServer((_req, res) => res.end('ok'));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const privateKey = await importJWK(JSON.parse(readFileSync(process.argv[4], 'utf8')).keys[0], 'RS256');
for (let i = 0; i < exchanges; i++) await (await request(url)).body.text();
for (let i = 0; i < signatures; i++) await new SignJWT({ i }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
server.close();
