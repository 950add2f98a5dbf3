import express, { type Router } from 'express';
import { profileJson, windowOf, type PublicBoard } from './public-board.ts';

/**
 * `GET /api/leaderboard?window=7d|30d|all[&community=<id>]` and `GET /api/people/:id[?community=<id>]`:
 * the public board as JSON, open to any origin. Only people who consented; staff never.
 */
export function createBoardApi(board: PublicBoard): Router {
  const router = express.Router();

  router.get('/api/leaderboard', async (req, res) => {
    const window = windowOf(req.query['window']);
    const community = board.community(req.query['community']);
    const people = await board.leaderboard(community.id, window);
    res.json({ community: { id: community.id, name: community.name }, window, people });
  });

  router.get('/api/people/:id', async (req, res) => {
    const community = board.community(req.query['community']);
    const profile = await board.person(community.id, req.params['id'] ?? '');
    // Not consented, staff or unknown all read the same: nobody's presence is told.
    if (profile === null) return void res.status(404).json({ error: 'no such person on the public board' });
    res.json(profileJson(profile, community.id));
  });

  return router;
}
