// satisfaction: reached by other modules only through this file.
export type * from './port.ts';
export { createSqlSatisfactionFigures, type SqlSatisfactionFigures } from './sql-satisfaction-figures.ts';
export { createSatisfaction, SATISFACTION_LISTENER, type SatisfactionSetup } from './create-satisfaction.ts';
export { createSatisfactionEraser } from './sql-satisfaction-eraser.ts';
export { SURVEY_TIMER, surveyDelivery, surveyKey } from './survey-timer.ts';
export { checkScore, inCooldown, isSampled, samplePoint, SCORE_RANGE, SCORES } from './survey-rules.ts';
