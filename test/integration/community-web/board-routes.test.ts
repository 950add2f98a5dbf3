import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../kb-web/kb-web-world.ts';
import { startBoardWorld, type BoardWorld } from './board-world.ts';

describe('the public leaderboard and people over HTTP on the real database', () => {
  let world: BoardWorld;
  const page = (path: string, headers: Record<string, string> = {}) => get(world.url, path, headers);
  const json = async (path: string) => {
    const answer = await page(path);
    return { status: answer.status, headers: answer.headers, body: JSON.parse(answer.body) as Record<string, any> };
  };

  beforeAll(async () => {
    world = await startBoardWorld();
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('should list only people who consented, ranked among themselves with points and tier, and never staff, when the leaderboard JSON is asked for', async () => {
    const all = await json('/api/leaderboard?window=all');
    expect(all.status).toBe(200);
    expect(all.headers['access-control-allow-origin']).toBe('*');
    expect(all.body).toEqual({
      community: { id: 'acme', name: 'Acme' },
      window: 'all',
      people: [
        { rank: 1, id: world.people.ann.id, name: 'Ann', points: 13, tier: { id: 'helper', name: 'Helper' } },
        { rank: 2, id: 'discord:d-lone', name: 'd-lone', points: 3, tier: null },
      ],
    });
    // Ben leads the board but never chose to be shown: not a name, not an id, not a gap.
    expect(JSON.stringify(all.body)).not.toMatch(/Ben|d-ben|Sam|U-SAM/);
    expect((await json('/api/leaderboard')).body['window']).toBe('30d');
  });

  it('should refuse a window or community it does not know with 400 and a clear JSON error', async () => {
    const bad = await json('/api/leaderboard?window=90d');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'window must be one of 7d, 30d, all, got "90d"', field: 'window' });
    const unknown = await json('/api/leaderboard?window=7d&community=nowhere');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: 'no community "nowhere"', field: 'community' });
    expect((await json('/api/leaderboard?window=7d&community=ties')).body['people']).toEqual([]);
  });

  it('should answer a consented person profile without platform ids, and 404 alike for the unconsented, staff and unknown', async () => {
    const ann = await json(`/api/people/${world.people.ann.id}`);
    expect(ann.status).toBe(200);
    expect(ann.body).toEqual({
      id: world.people.ann.id, name: 'Ann', community: 'acme', tier: { id: 'helper', name: 'Helper' },
      points: { window: 13, total: 13, byReason: { 'answer.accepted': 10, thanks: 3 } },
      answersAccepted: 1, articles: 0, peopleHelped: 1,
    });
    expect(JSON.stringify(ann.body)).not.toContain('d-ann');
    for (const id of [world.people.ben.id, world.people.sam.id, 'discord:d-ben', 'no-such-person']) {
      const hidden = await json(`/api/people/${encodeURIComponent(id)}`);
      expect(hidden.status, id).toBe(404);
      expect(hidden.body, id).toEqual({ error: 'no such person on the public board' });
    }
  });

  it('should serve the leaderboard page without script and in the reader language, and a 400 page for a bad window', async () => {
    const shown = await page('/community/leaderboard?window=all', { 'accept-language': 'fi' });
    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(shown.headers['content-security-policy']).toContain("default-src 'none'");
    expect(shown.headers['content-security-policy']).not.toContain('script-src');
    expect(shown.body).not.toContain('<script');
    expect(shown.body).toContain('<html lang="fi">');
    expect(shown.body).toContain('<th scope="row">Ann</th><td class="num">13</td><td>Helper</td>');
    expect(shown.body).toContain('aria-current="page">koko ajalta</a>');
    expect(shown.body).not.toContain('Ben');
    const bad = await page('/community/leaderboard?window=year');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('The period must be 7d, 30d or all.');
  });
});
