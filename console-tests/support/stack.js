// Starts what the console talks to, as a developer would: moto_server (Secrets Manager) and the local runner
// (infra/local/target/latchkey-local.jar, which serves template.yaml's routes, the console's included, over an
// embedded DynamoDB Local), each on a free loopback port; and Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TARGET = join(REPO, 'console-tests', 'target');
export const CHROMIUM = '/usr/bin/chromium';
const RUNNER_JAR = join(REPO, 'infra', 'local', 'target', 'latchkey-local.jar');

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  return new Promise((ok, fail) => {
    const attempt = async () => {
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        ok();
      } catch {
        if (Date.now() > deadline) {
          fail(new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`));
        } else {
          setTimeout(attempt, 200);
        }
      }
    };
    attempt();
  });
}

/** moto_server on a free port; the Secrets Manager copies of the create screen need it. */
async function startMoto() {
  if (spawnSync('sh', ['-c', 'command -v moto_server']).status !== 0) {
    throw new Error("moto_server is not installed: pip install 'moto[server]' (the console's Secrets Manager copy needs it)");
  }
  const port = await freePort();
  const process = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  process.stderr.pipe(createWriteStream(join(TARGET, 'moto.log')));
  await waitForPort(port, 30000);
  return { port, process };
}

/** The runner, started as the README starts it; resolves with its URL and the owner token it printed. */
async function startRunner(motoPort) {
  if (!existsSync(RUNNER_JAR)) {
    throw new Error(`${RUNNER_JAR} is missing: build it first (mvn -B -DskipTests package)`);
  }
  const port = await freePort();
  const dynamodbPort = await freePort();
  const env = {
    ...process.env, AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${motoPort}`, AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test',
  };
  const runner = spawn('java', ['-jar', RUNNER_JAR, '--port', String(port), '--rotation-sweep-seconds', '0',
    '--dynamodb-port', String(dynamodbPort)],
    { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  runner.stderr.pipe(createWriteStream(join(TARGET, 'runner.log')));
  const owner = await new Promise((ok, fail) => {
    let out = '';
    let token = null;
    const timer = setTimeout(() => fail(new Error('the runner did not start within 120 s (see target/runner.log)')), 120000);
    runner.on('exit', (code) => fail(new Error(`the runner exited with ${code} (see target/runner.log)`)));
    runner.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/^export LATCHKEY_API_TOKEN=(\S+)$/m);
      token = m ? m[1] : token;
      if (token && out.includes('Latchkey listening on')) {
        clearTimeout(timer);
        ok(token);
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, port, owner, process: runner, dynamodbPort };
}

export async function startStack() {
  mkdirSync(TARGET, { recursive: true });
  const moto = await startMoto();
  let runner;
  try {
    runner = await startRunner(moto.port);
  } catch (e) {
    moto.process.kill();
    throw e;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    ...runner,
    browser,
    /** Node-side API calls (set-up and checks), as any other client of the API. */
    async api(method, path, body, token = runner.owner) {
      const response = await fetch(`${runner.url}/v1/${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async validate(value) {
      const response = await fetch(`${runner.url}/v1/validate`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: value }),
      });
      return (await response.json()).code;
    },
    /**
     * One DynamoDB API call on the runner's own DynamoDB Local (raw DynamoDB JSON over HTTP), for what the API rightly
     * cannot do, such as letting time pass. DynamoDB Local reads the credential's shape, not its signature.
     */
    async dynamo(operation, input) {
      const response = await fetch(`http://127.0.0.1:${runner.dynamodbPort}/`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${operation}`,
          Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify(input),
      });
      const body = await response.json();
      if (!response.ok) {
        throw new Error(`DynamoDB ${operation}: ${response.status} ${JSON.stringify(body)}`);
      }
      return body;
    },
    async stop() {
      await browser.close().catch(() => {});
      runner.process.kill();
      moto.process.kill();
    },
  };
}
