// recognition: reached by other modules only through this file.
export type * from './port.ts';
export { createRecognition, RECOGNITION_LISTENERS, type RecognitionConfig } from './create-recognition.ts';
export { DEMOTE_TIMER, demoteKey } from './demotion-timer.ts';
export { mappedRoles, moveOf, nextDemotion, rankOf, tierFor, type TierMove } from './tier-rules.ts';
