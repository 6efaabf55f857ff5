const RECORD_KEY = /^[a-zA-Z0-9_~.:-]{1,512}$/;

/** Whether a text is a record key (`3jzfcijpj2z2a`, `self`): the last part of a record's AT-URI and MST key. */
export function isRecordKey(text: unknown): text is string {
  return typeof text === 'string' && RECORD_KEY.test(text) && text !== '.' && text !== '..';
}
