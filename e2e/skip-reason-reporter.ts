import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints why tests were skipped (the list reporter shows only that they were), once per project and reason. */
export default class SkipReasonReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    const project = test.parent.project()?.name ?? 'default';
    const key = `[${project}] ${reason}`;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [key, count] of this.reasons) console.log(`Skipped ${count} test(s) ${key}`);
  }
}
