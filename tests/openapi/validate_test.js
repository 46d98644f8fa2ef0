// Validates the served /api/docs-json as an OpenAPI 3.1 document with @apidevtools/swagger-parser
// (schema validation plus $ref resolution), against the real binary.
// Usage: node validate_test.js <admit binary>   (exit 77: skipped, node_modules missing)
'use strict';
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

let SwaggerParser;
try {
  SwaggerParser = require('@apidevtools/swagger-parser');
} catch {
  console.error('@apidevtools/swagger-parser is not installed (npm ci in tests/openapi): skipped');
  process.exit(77);
}

async function startServer(binary) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-openapi-'));
  const portFile = path.join(dir, 'port');
  const child = spawn(
    binary,
    ['serve', '--data', path.join(dir, 'data'), '--port', '0', '--port-file', portFile, '--log-level', 'warn'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 20000;
  while (!fs.existsSync(portFile) || fs.readFileSync(portFile, 'utf8').trim() === '') {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('admit did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
  const port = Number(fs.readFileSync(portFile, 'utf8').split('\n')[0]);
  return {
    url: `http://127.0.0.1:${port}`,
    stop() {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const server = await startServer(process.argv[2]);
  let failed = 0;
  try {
    const res = await fetch(`${server.url}/api/docs-json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const doc = await res.json();
    assert.equal(doc.openapi, '3.1.0');
    // validate() dereferences, so it gets a copy; it throws with every problem it found.
    const api = await SwaggerParser.validate(structuredClone(doc));
    const operations = Object.values(api.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    assert.ok(operations > 50, `only ${operations} operations`);
    console.log(`valid OpenAPI ${doc.openapi}: ${Object.keys(api.paths).length} paths, ${operations} operations`);
  } catch (e) {
    failed = 1;
    console.error(e);
  } finally {
    server.stop();
  }
  console.log(`${1 - failed} passed, ${failed} failed`);
  process.exit(failed);
}

main();
