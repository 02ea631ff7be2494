/** Small printing helpers: the bench prints figures and asserts nothing. */

export function heading(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 72 - title.length))}`);
}

export function row(label: string, value: string | number): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

/** "✓ met" / "✗ missed" for a target, so the reader sees at a glance. */
export function target(met: boolean, text: string): string {
  return `${met ? '✓' : '✗'} ${text}`;
}

export function fixed(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}
