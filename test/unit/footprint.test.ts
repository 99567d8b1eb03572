import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FootprintLedger, type FootprintRecord } from '../../support/core/footprint';
import { footprintConsole } from '../../support/reports/footprint/report';
import { readRecords, summariseFootprint } from '../../support/reports/footprint/summary';

const at = (record: Omit<FootprintRecord, 'at'>, time: number): FootprintRecord => ({ ...record, at: time });

describe('the footprint of a real run', () => {
  it('ends each item at its last word, across workers', () => {
    const login = 'authflow+1@panel.authflow.test';
    const footprint = summariseFootprint([
      at({ kind: 'Enhance logins', item: login, event: 'created' }, 1),
      at({ kind: 'Enhance logins', item: login, event: 'changed' }, 2),
      // worker 2 used it later; worker 1's word came before that use, worker 2's after
      at({ kind: 'Enhance logins', item: login, event: 'kept', why: 'pooled' }, 3),
      at({ kind: 'Enhance logins', item: login, event: 'changed' }, 4),
      at({ kind: 'Enhance logins', item: login, event: 'kept', why: 'pooled' }, 5),
      at({ kind: 'Shoko API keys', item: 'key 1', event: 'created' }, 1),
      at({ kind: 'Shoko API keys', item: 'key 1', event: 'put-back' }, 2),
    ]);
    const logins = footprint.kinds.find((summary) => summary.kind === 'Enhance logins');
    assert.deepEqual({ created: logins?.created, kept: logins?.kept.count, left: logins?.leftBehind.count }, { created: 1, kept: 1, left: 0 });
    assert.equal(footprint.kinds.find((summary) => summary.kind === 'Shoko API keys')?.changedAndPutBack, 1);
    assert.deepEqual(footprint.items.filter((item) => item.avoidable), []);
  });

  it('counts a change with no later word as left behind although it could have been put back', () => {
    const footprint = summariseFootprint([
      at({ kind: 'Enhance avatars', item: 'avatar of a', event: 'put-back' }, 1),
      at({ kind: 'Enhance avatars', item: 'avatar of a', event: 'changed' }, 2),
      at({ kind: 'Enhance logins', item: 'new@x.test', event: 'created' }, 1),
      at({ kind: 'Enhance logins', item: 'new@x.test', event: 'left-behind', why: 'the API cannot delete a login', avoidable: false }, 2),
    ]);
    assert.deepEqual(footprint.items.filter((item) => item.avoidable).map((item) => item.item), ['avatar of a']);
    assert.match(footprintConsole(footprint), /LEFT BEHIND although it could have been put back: Enhance avatars avatar of a/);
    assert.match(footprintConsole(footprint), /left behind: the API cannot delete a login/);
  });

  it('keeps one file per worker, written only in real runs, that the merge reads back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authflow-footprint-'));
    try {
      const ledger = new FootprintLedger();
      ledger.record('Mails', 'mail 1', 'created');
      ledger.enable(dir);
      ledger.record('Mails', 'mail 2', 'created');
      ledger.record('Mails', 'mail 2', 'put-back');
      const { records, workers } = readRecords(join(dir, 'footprint'));
      assert.equal(workers, 1);
      assert.deepEqual(records.map((record) => `${record.item} ${record.event}`), ['mail 2 created', 'mail 2 put-back']);
      assert.ok(readFileSync(join(dir, 'footprint', `worker-${process.env.CUCUMBER_WORKER_ID ?? 'main'}-${process.pid}.jsonl`), 'utf8').endsWith('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
