import { expect, it } from 'vitest';
import { describeEachBackend } from '../helpers/stores.js';
import { openDesk } from '../helpers/filed-report.js';

describeEachBackend('scratch', (backend) => {
  it('shows', async () => {
    const desk = await openDesk(await backend.open());
    const r = await desk.file({ language: 'nl' });
    console.log('ID', r.id);
    await desk.comment(r.issueNumber, '/scope out physical');
    console.log('MSG', await desk.store.listMessages(r.id));
    expect(1).toBe(1);
    await desk.core.close();
  });
});
