import type { Database } from '../infra/db/create-database.ts';
import type { SatisfactionFigures, SurveyView } from './port.ts';

// The read side of the survey table: `/heimo stats` and the ambassador report.
// (Contract slot: filled in by the satisfaction consumers' branch.)

/** Reads ratings (table "SatisfactionSurvey"). */
export interface SqlSatisfactionFigures {
  figures(communityId: string, since: Date, tx?: { query: Database['pool']['query'] }): Promise<SatisfactionFigures>;
  ratedBetween(communityId: string, from: Date, to: Date, tx?: { query: Database['pool']['query'] }): Promise<SurveyView[]>;
}

/** Creates the figures reader over the database. */
export function createSqlSatisfactionFigures(_database: Pick<Database, 'pool' | 'kind'>): SqlSatisfactionFigures {
  throw new Error('satisfaction figures: not built yet');
}
