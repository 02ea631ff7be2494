import type { FilePort, RepoFile } from '../ports/github.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { toDomainError } from './errors.js';
import { type Octokit, timeout } from './octokit.js';

/** The FilePort over one installation's Octokit: UTF-8 text files, on the default branch unless a ref is given. */
export function createRepoFiles(octokit: Octokit, now: () => Date): FilePort {
  return {
    async readFile(owner, repo, path, ref): Promise<RepoFile | null> {
      try {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref === undefined ? {} : { ref }), request: timeout() });
        // A directory comes back as an array; a symlink or submodule has no content to read.
        if (Array.isArray(data) || data.type !== 'file') return null;
        // Files over 1 MB come without content (encoding "none"); the raw media type has it.
        // https://docs.github.com/rest/repos/contents#size-limits
        const text = data.encoding === 'none' ? await readRaw(octokit, owner, repo, path, ref) : Buffer.from(data.content, 'base64').toString('utf8');
        return { text, sha: data.sha };
      } catch (error) {
        const domain = toDomainError(error, now(), 'read file');
        if (domain instanceof NotFoundError) return null;
        // 409 "Git Repository is empty.": no file there yet.
        if (domain instanceof ConflictError) return null;
        throw domain;
      }
    },

    async writeFile(owner, repo, file) {
      try {
        await octokit.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path: file.path,
          message: file.message,
          content: Buffer.from(file.text, 'utf8').toString('base64'),
          ...(file.sha === null ? {} : { sha: file.sha }),
          request: timeout(),
        });
      } catch (error) {
        // A stale sha is a 409; a missing sha for a file that now exists is a 422
        // ("sha" wasn't supplied). Both mean someone wrote first: read again.
        // https://docs.github.com/rest/repos/contents#create-or-update-file-contents
        if (isShaProblem(error)) throw new ConflictError('write file: the file changed since it was read', { cause: error });
        throw toDomainError(error, now(), 'write file');
      }
    },
  };
}

async function readRaw(octokit: Octokit, owner: string, repo: string, path: string, ref: string | undefined): Promise<string> {
  const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref === undefined ? {} : { ref }), mediaType: { format: 'raw' }, request: timeout() });
  // With the raw media type Octokit hands back text, or bytes when the content type is not text.
  const raw: unknown = data;
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return typeof raw === 'string' ? raw : String(raw);
}

function isShaProblem(error: unknown): boolean {
  const e = error as { status?: unknown; response?: { data?: { message?: unknown; errors?: unknown } } } | null;
  if (e?.status === 409) return true;
  if (e?.status !== 422) return false;
  const data = e.response?.data;
  const text = `${String(data?.message ?? '')} ${JSON.stringify(data?.errors ?? '')}`;
  return /\bsha\b/i.test(text);
}
