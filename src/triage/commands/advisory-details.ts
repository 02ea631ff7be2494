import type { CommandHandler, CommandOf } from './command-result.js';

/** `/cwe CWE-79 ...`: adds CWE ids for the advisory. */
export const cweCommand: CommandHandler<CommandOf<'cwe'>> = (command, before, result) => {
  const cweIds = [...new Set([...before.cweIds, ...command.ids])];
  result.fields = { ...result.fields, cweIds };
  result.updateAdvisory = true;
  result.events.push({ type: 'cwe', data: { ids: command.ids.join(' ') } });
  result.confirmation = { kind: 'cwe', params: { ids: cweIds.join(', ') } };
  return result;
};

/** `/package <ecosystem> <name> ...`: adds an affected package for the advisory. */
export const packageCommand: CommandHandler<CommandOf<'package'>> = (command, before, result) => {
  const entry = { ecosystem: command.ecosystem, name: command.packageName, vulnerableRange: command.vulnerableRange, patchedVersions: command.patchedVersions };
  // The same package again replaces its ranges.
  const packages = [...before.packages.filter((p) => p.ecosystem !== entry.ecosystem || p.name !== entry.name), entry];
  result.fields = { ...result.fields, packages };
  result.updateAdvisory = true;
  result.events.push({ type: 'package', data: { ecosystem: entry.ecosystem, name: entry.name } });
  result.confirmation = { kind: 'package', params: { ecosystem: entry.ecosystem, name: entry.name, vulnerable: entry.vulnerableRange ?? '', patched: entry.patchedVersions ?? '' } };
  return result;
};
