/** Whether a host name is this machine (127.0.0.0/8, ::1, localhost): the only place a mail server may be reached without TLS. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\./.test(bare);
}
