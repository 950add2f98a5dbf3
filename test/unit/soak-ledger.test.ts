import { describe, expect, it } from 'vitest';
import { createLedger } from '../soak/ledger.ts';

// The soak's verdict on order: which reorders are Heimo's and which no relay could have prevented.
describe('soak ledger', () => {
  const threeMessages = () => {
    const ledger = createLedger();
    const [first, second, third] = [0, 1, 2].map((seq) => ledger.record({ conversation: 1, direction: 'toDiscord', seq, sentAt: 1_000 + seq, whileDown: false })) as [string, string, string];
    return { ledger, first, second, third };
  };

  it('should count a reorder as Heimo\'s when the earlier message was stored before the later one was posted', () => {
    const { ledger, first, second, third } = threeMessages();
    ledger.stored(first, 1_100);
    ledger.stored(second, 1_110);
    ledger.stored(third, 1_120);
    ledger.seen(first, 1_200);
    ledger.seen(third, 1_210);
    ledger.seen(second, 1_220);
    const counts = ledger.tally('toDiscord', new Map([[1, [first, third, second]]]));
    expect(counts).toMatchObject({ reordered: 1, reorderedLate: 0, lost: 0, duplicated: 0 });
    expect(counts.reorders).toEqual([{ marker: second, after: third, late: false }]);
  });

  it('should count a reorder as late when the earlier message was stored only after the later one was posted', () => {
    const { ledger, first, second, third } = threeMessages();
    ledger.stored(first, 1_100);
    ledger.stored(third, 1_120);
    ledger.seen(first, 1_200);
    ledger.seen(third, 1_210);
    ledger.stored(second, 1_500);
    ledger.seen(second, 1_600);
    const counts = ledger.tally('toDiscord', new Map([[1, [first, third, second]]]));
    expect(counts).toMatchObject({ reordered: 1, reorderedLate: 1 });
  });

  it('should count a reorder as late when the earlier message reached Heimo only on a redelivery', () => {
    const { ledger, first, second, third } = threeMessages();
    ledger.redelivered(second);
    const counts = ledger.tally('toDiscord', new Map([[1, [first, third, second]]]));
    expect(counts).toMatchObject({ reordered: 1, reorderedLate: 1, delivered: 3 });
  });

  it('should count lost and duplicated messages when a post is missing or repeated', () => {
    const { ledger, first, second } = threeMessages();
    const counts = ledger.tally('toDiscord', new Map([[1, [first, second, second]]]));
    expect(counts).toMatchObject({ lost: 1, duplicated: 1, reordered: 0 });
  });
});
