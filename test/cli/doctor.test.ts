import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_SLUG, closedPort, runDoctor } from './doctor-github.js';
import { CONFIG, expectNoSecrets, PASSWORD, startDoctorWorld, startSmtpReceiver, type DoctorWorld, type SmtpReceiver } from './doctor-setup.js';

// Each case starts the doctor as a process (tsx compiles it first): seconds, not milliseconds.
describe('npm run doctor', { timeout: 60_000 }, () => {
  let smtp: SmtpReceiver;
  let world: DoctorWorld;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    world = await startDoctorWorld(smtp);
  });
  afterEach(async () => {
    expect(world.fake.state.invalidRequests).toEqual([]);
    await world.close();
  });

  it('passes a good setup: exit 0, every line ok', async () => {
    const run = await runDoctor(world.goodEnv());

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => /^(ok|WARN|FAIL|skip) /.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(11);
    expect(lines.filter((line) => !line.startsWith('ok '))).toEqual([]);
    expect(run.line('GitHub app')).toContain(`app "${APP_SLUG}"`);
    expect(run.line('installations')).toContain('acme');
    expect(run.line('tracking repository (acme)')).toContain('acme/security-reports exists and is private');
    expect(run.line('smtp')).toContain('answers');
    expectNoSecrets(run);
  });

  it('fails a public tracking repository, naming it and saying to make it private', async () => {
    world.fake.addRepo('acme', 'reports', { private: false });
    world.fake.setFile('acme', '.github', CONFIG, 'tracking:\n  repository: reports\n');

    const run = await runDoctor(world.goodEnv());

    expect(run.code).toBe(1);
    expect(run.line('tracking repository (acme)')).toMatch(/^FAIL .*acme\/reports is public.*fix: make acme\/reports private/);
  });

  it('fails a missing tracking repository and warns when the config file is absent', async () => {
    world.fake.repo('acme', '.github')?.files.delete(CONFIG);
    world.fake.state.repos.delete('acme/security-reports');

    const run = await runDoctor(world.goodEnv());

    expect(run.code).toBe(1);
    expect(run.line('config (acme)')).toMatch(/^WARN .*no \.github\/disclosure\.yml in acme\/\.github/);
    expect(run.line('tracking repository (acme)')).toMatch(/^FAIL .*acme\/security-reports does not exist.*fix: create acme\/security-reports as a private repository/);
  });

  it('fails an invalid config, naming the key', async () => {
    world.fake.setFile('acme', '.github', CONFIG, 'sla:\n  reciept_business_days: 2\n');

    const run = await runDoctor(world.goodEnv());

    expect(run.code).toBe(1);
    expect(run.line('config (acme)')).toMatch(/^FAIL .*sla\.reciept_business_days.*receipt_business_days.*fix: correct sla\.reciept_business_days/);
    expect(run.line('tracking repository (acme)')).toMatch(/^skip /);
  });

  it('fails a config that is not YAML, and a GitHub that cannot be reached', async () => {
    world.fake.setFile('acme', '.github', CONFIG, 'tracking: [unclosed\n');

    const broken = await runDoctor(world.goodEnv());
    const unreachable = await runDoctor({ ...world.goodEnv(), GHE_HOST: `127.0.0.1:${await closedPort()}` });

    expect(broken.code).toBe(1);
    expect(broken.line('config (acme)')).toMatch(/^FAIL .*not valid YAML.*fix: /);
    expect(unreachable.code).toBe(1);
    expect(unreachable.line('GitHub app')).toMatch(/^FAIL .*could not be reached: .*ECONNREFUSED.*fix: check GHE_HOST/);
    expect(unreachable.line('installations')).toMatch(/^skip /);
  });

  it('fails missing credentials with the fix, and skips the GitHub checks', async () => {
    const { APP_ID: _id, PRIVATE_KEY: _key, WEBHOOK_SECRET: _secret, ...env } = world.goodEnv();

    const run = await runDoctor(env);

    expect(run.code).toBe(1);
    expect(run.line('credentials')).toMatch(/^FAIL .*missing APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET — fix: set /);
    for (const check of ['GitHub app', 'installations', 'organisations']) expect(run.line(check)).toMatch(/^skip /);
    expect(run.line('store')).toMatch(/^ok /);
    expect(world.fake.requests).toEqual([]);
  });

  it("fails a private key that is not the app's: GitHub refuses the JWT", async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

    const run = await runDoctor({ ...world.goodEnv(), PRIVATE_KEY: other.privateKey });

    expect(run.code).toBe(1);
    expect(run.line('GitHub app')).toMatch(/^FAIL .*401.*fix: APP_ID and the private key must belong to the same app/);
    expect(run.line('installations')).toMatch(/^skip /);
    expectNoSecrets(run, ...other.privateKey.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')));
  });

  it('fails when webhooks would be relayed through WEBHOOK_PROXY_URL', async () => {
    const channel = 'https://smee.io/aB3dE5fG7hI9jK1l';

    const run = await runDoctor({ ...world.goodEnv(), WEBHOOK_PROXY_URL: channel });

    expect(run.code).toBe(1);
    expect(run.line('webhook route')).toMatch(/^FAIL .*third party.*fix: unset WEBHOOK_PROXY_URL.*https:\/\/security\.acme\.example\/api\/github\/webhooks/);
    expectNoSecrets(run, channel);
  });

  it('fails the store when DATABASE_URL points at a closed port, and never prints the password', async () => {
    const run = await runDoctor({ ...world.goodEnv(), DATABASE_URL: `postgres://desk:${PASSWORD}@127.0.0.1:${await closedPort()}/desk` });

    expect(run.code).toBe(1);
    expect(run.line('store')).toMatch(/^FAIL .*PostgreSQL at postgres:\/\/127\.0\.0\.1:\d+\/desk: .*ECONNREFUSED.*fix: /);
    expectNoSecrets(run);
  });

  it('fails a plain-http PUBLIC_URL on a public host, read from .env over the environment', async () => {
    const run = await runDoctor(world.goodEnv(), 'PUBLIC_URL=http://security.acme.example\n');

    expect(run.code).toBe(1);
    expect(run.line('public URL')).toMatch(/^FAIL .*plain http on a public host.*fix: set PUBLIC_URL to the https address/);
  });

  it('warns (exit 0) about a SQLite key kept beside the database and an unset PUBLIC_URL', async () => {
    const { DATA_ENCRYPTION_KEY: _key, PUBLIC_URL: _url, ...env } = world.goodEnv();

    const run = await runDoctor(env);

    expect(run.code).toBe(0);
    expect(run.line('data encryption key')).toContain(`beside the database (${path.join(world.dataDir, 'data-encryption.key')})`);
    expect(run.line('data encryption key')).toMatch(/fix: set DATA_ENCRYPTION_KEY .* from a secret store/);
    expect(run.line('public URL')).toMatch(/^WARN .*root-relative/);
    expect(run.line('staff sign-in')).toMatch(/^WARN .*PUBLIC_URL.*staff pages.*answer 503.*fix: .*\/staff\/callback/);
  });

  it('passes the staff sign-in when the client id, secret and PUBLIC_URL are set, and never prints the secret', async () => {
    const secret = 'f00dfeedcafe0123456789abcdef0123456789ab';

    const run = await runDoctor({ ...world.goodEnv(), GITHUB_CLIENT_SECRET: secret });

    expect(run.line('staff sign-in')).toMatch(/^ok /);
    expectNoSecrets(run, secret);
  });

  it('fails unreachable mail servers and malformed settings without printing a password', async () => {
    const run = await runDoctor({
      ...world.goodEnv(),
      SMTP_URL: `smtp://desk:${PASSWORD}@127.0.0.1:${await closedPort()}`,
      IMAP_URL: `imap://desk:${PASSWORD}@127.0.0.1:${await closedPort()}/INBOX`,
      IMAP_ORG: 'acme',
      TRUST_PROXY: 'everyone',
      METRICS_PORT: 'ninety',
    });

    expect(run.code).toBe(1);
    expect(run.line('smtp')).toMatch(/^FAIL +smtp: smtp:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(run.line('imap')).toMatch(/^FAIL +imap: imap:\/\/127\.0\.0\.1:\d+: /);
    expect(run.line('trusted proxies')).toMatch(/^FAIL .*TRUST_PROXY must be/);
    expect(run.line('metrics')).toMatch(/^FAIL .*METRICS_PORT must be a port number/);
    expectNoSecrets(run);
  });
});
