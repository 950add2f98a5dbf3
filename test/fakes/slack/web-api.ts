import { type Answer, fail, type Params, type WebApiContext } from './api-helpers.ts';
import { chatMethods } from './chat-methods.ts';
import { peopleMethods } from './people-methods.ts';
import { readMethods } from './read-methods.ts';
import { viewMethods } from './views.ts';

export type { FakeSlackIdentity, WebApiContext } from './api-helpers.ts';

const methods = { ...chatMethods, ...readMethods, ...peopleMethods, ...viewMethods };

/** Answers one Web API method the way Slack would (always HTTP 200; errors in the body). */
export function answerMethod(method: string, params: Params, context: WebApiContext): Answer {
  const handler = methods[method];
  return handler === undefined ? fail('unknown_method') : handler(params, context);
}
