#!/usr/bin/env bash
# Installs the Debian packages the tests use, when they are missing: gpg (OpenPGP interop),
# Dovecot (a real IMAP server for the e-mail intake) and Chromium (browser tests).
# Runs before `npm test`. Without root or apt-get it installs nothing and says so; the
# tests that need a missing tool then skip, each with the reason in its title, except in CI
# (CI=true), where nothing may skip: there a missing package fails the run here.
set -u
need=()
command -v gpg >/dev/null 2>&1 || need+=(gnupg)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: missing ${need[*]} and cannot install them here (needs root and apt-get); tests that need them will skip" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
echo "ensure-system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; then
  echo "ensure-system-deps: apt-get failed; tests that need ${need[*]} will skip" >&2
  [ "${CI:-}" = true ] && exit 1
fi
# Dovecot's package starts a system service on port 143 when it is installed; the tests run
# their own instance. Stopped with its own command, and only when this script installed it.
if [[ " ${need[*]} " == *" dovecot-imapd "* ]] && [ -x /usr/sbin/dovecot ]; then
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now dovecot >/dev/null 2>&1 || true; fi
  /usr/sbin/dovecot stop >/dev/null 2>&1 || true
fi
exit 0
