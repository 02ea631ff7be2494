import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export const DOVECOT = '/usr/sbin/dovecot';

/** Why the Dovecot tests are skipped, or null when Dovecot is here. */
export const dovecotMissing: string | null = existsSync(DOVECOT) ? null : `skipped: ${DOVECOT} is not installed (apt-get install dovecot-imapd)`;

/** A message in the test mailbox, as the assertions need it. */
export interface MailboxMessage {
  uid: number;
  flags: string[];
  messageId: string | null;
}

/** A private Dovecot for one test file: its own port, config, maildir and user. */
export interface TestDovecot {
  host: string;
  port: number;
  user: string;
  pass: string;
  /** Appends a message to a mailbox (INBOX by default, created when missing) with IMAP APPEND, unseen. */
  deliver(raw: Buffer | string, mailbox?: string): Promise<void>;
  /** Every message in a mailbox with its flags, by UID. */
  list(mailbox?: string): Promise<MailboxMessage[]>;
  /** Dovecot's own log so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts `dovecot -F` as a child process on 127.0.0.1 and a free port. Plaintext login is
 * allowed (loopback, `ssl = no`); mail is a maildir in a temp directory.
 *
 * Run as root, Dovecot refuses root for its login and mail processes, so those run as the
 * Debian package's `dovenull`/`dovecot` users and mail is stored as `nobody`. As any other
 * user, everything runs as that user.
 */
export async function startDovecot(): Promise<TestDovecot> {
  const root = await mkdtemp(join(tmpdir(), 'dd-dovecot-'));
  // mkdtemp makes 0700; the unprivileged login and mail processes must reach base_dir and the maildir.
  await chmod(root, 0o755);
  const users = processUsers();
  const dirs = { base: join(root, 'run'), state: join(root, 'state'), mail: join(root, 'mail'), home: join(root, 'home') };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  for (const dir of [dirs.mail, dirs.home]) await chown(dir, users.mail.uid, users.mail.gid);

  const user = 'desk';
  const pass = 'desk-test-password';
  const port = await freePort();
  await writeFile(join(root, 'passwd'), `${user}:{PLAIN}${pass}\n`, { mode: 0o644 });
  const conf = join(root, 'dovecot.conf');
  await writeFile(conf, dovecotConf({ root, dirs, port, users }));

  const child = spawn(DOVECOT, ['-c', conf, '-F'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  async function stop(): Promise<void> {
    await stopChild(child, exited);
    await rm(root, { recursive: true, force: true });
  }

  try {
    await waitForGreeting(port, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }

  async function withClient<T>(action: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass }, logger: false });
    await client.connect();
    try {
      return await action(client);
    } finally {
      await client.logout().catch(() => undefined);
    }
  }

  return {
    host: '127.0.0.1',
    port,
    user,
    pass,
    async deliver(raw, mailbox = 'INBOX') {
      await withClient(async (client) => {
        if (mailbox !== 'INBOX') await client.mailboxCreate(mailbox).catch(() => undefined);
        await client.append(mailbox, raw);
      });
    },
    async list(mailbox = 'INBOX') {
      return withClient(async (client) => {
        const lock = await client.getMailboxLock(mailbox);
        try {
          const messages: MailboxMessage[] = [];
          if (client.mailbox === false || client.mailbox.exists === 0) return messages;
          for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
            messages.push({ uid: m.uid, flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(), messageId: m.envelope?.messageId ?? null });
          }
          return messages;
        } finally {
          lock.release();
        }
      });
    },
    log: () => log,
    stop,
  };
}

interface ProcessUsers {
  internal: string;
  login: string;
  mail: { uid: number; gid: number };
}

function processUsers(): ProcessUsers {
  const me = userInfo();
  if (me.uid !== 0) return { internal: me.username, login: me.username, mail: { uid: me.uid, gid: me.gid } };
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const entry = (name: string) => {
    const fields = passwd.split('\n').find((line) => line.startsWith(`${name}:`))?.split(':');
    return fields ? { uid: Number(fields[2]), gid: Number(fields[3]) } : null;
  };
  const nobody = entry('nobody') ?? { uid: 65534, gid: 65534 };
  return {
    internal: entry('dovecot') ? 'dovecot' : 'nobody',
    login: entry('dovenull') ? 'dovenull' : 'nobody',
    mail: nobody,
  };
}

function dovecotConf(o: { root: string; dirs: { base: string; state: string; mail: string; home: string }; port: number; users: ProcessUsers }): string {
  return `# Written by test/helpers/dovecot.ts for one test run.
base_dir = ${o.dirs.base}
state_dir = ${o.dirs.state}
log_path = /dev/stderr
info_log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${o.users.internal}
default_login_user = ${o.users.login}
mail_location = maildir:${o.dirs.mail}/%u
first_valid_uid = 1
first_valid_gid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${o.root}/passwd
}
userdb {
  driver = static
  args = uid=${o.users.mail.uid} gid=${o.users.mail.gid} home=${o.dirs.home}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${o.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once Dovecot answers `* OK` on the port; rejects when it exits or 10 s pass. */
async function waitForGreeting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${log()}`);
    if (await greets(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dovecot did not answer on port ${port} within 10 s:\n${log()}`);
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('* OK')));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
