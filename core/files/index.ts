// The files capability: bounded downloads of the attachments bots carry between platforms.

export { readAtMost, retryAfterMs } from './read-at-most.ts';
