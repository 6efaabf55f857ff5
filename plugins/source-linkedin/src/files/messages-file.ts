import { contentDigest, type IdentityRef, signalId } from '@handshake/sdk';
import { HIDDEN_MEMBER, nameKey, personName } from '../identity/person-name.js';
import { normalizeProfileUrl } from '../identity/profile-url.js';
import { messageText } from '../messages/message-text.js';
import { splitRecipients } from '../messages/split-recipients.js';
import type { LinkedinFile } from './linkedin-file.js';
import type { RowContext } from './row-context.js';

/** Beyond this many people a conversation is a broadcast or a spam group, not a relationship. */
const MAX_PARTICIPANTS = 25;

const YES = new Set(['yes', 'true', '1']);

/**
 * messages.csv: one row per message, with no direction column. Each message is a `message` from
 * its sender to each recipient, carrying how many people the conversation has, so group talk
 * counts apart from one-to-one. Who the owner is comes from the survey (see OwnerSurvey).
 */
export const messagesFile: LinkedinFile = {
  name: 'messages.csv',
  columns: ['CONVERSATION ID', 'FROM', 'TO', 'DATE'],
  survey(row, survey) {
    const conversation = row.get('CONVERSATION ID').trim();
    const from = personName(row.get('FROM'));
    const fromUrl = normalizeProfileUrl(row.get('SENDER PROFILE URL'));
    survey.conversations.add(conversation, from, fromUrl);
    survey.owner.profileUrl(from, fromUrl);
    for (const recipient of splitRecipients(row.get('TO'), row.get('RECIPIENT PROFILE URLS'))) {
      survey.conversations.add(conversation, recipient.name, recipient.url);
      survey.owner.profileUrl(recipient.name, recipient.url);
    }
  },
  read(row, context) {
    const date = context.date(row, 'DATE');
    if (date === undefined) return;
    if (YES.has(row.get('IS MESSAGE DRAFT').trim().toLowerCase())) {
      context.skip('a draft that was never sent');
      return;
    }
    if (row.get('FOLDER').trim().toUpperCase() === 'SPAM') {
      context.skip('a message in the SPAM folder');
      return;
    }
    if (row.get('CONVERSATION TITLE').trim().toLowerCase() === 'sponsored conversation') {
      context.skip('a sponsored message (an advertisement), not a relationship');
      return;
    }
    const conversation = row.get('CONVERSATION ID').trim();
    const from = personName(row.get('FROM'));
    const sender = participant(context, conversation, from, normalizeProfileUrl(row.get('SENDER PROFILE URL')));
    if (sender === undefined) {
      context.skip(`sent by ${JSON.stringify(from || HIDDEN_MEMBER)} with no profile URL: a member who hid or deleted their profile`);
      return;
    }
    const recipients = splitRecipients(row.get('TO'), row.get('RECIPIENT PROFILE URLS'));
    if (recipients.length === 0) {
      context.skip('a message with no recipient in TO');
      return;
    }
    const participants = Math.max(context.conversations.size(conversation), recipients.length + 1);
    if (participants > MAX_PARTICIPANTS) {
      context.skip(`a conversation of ${participants} people (more than ${MAX_PARTICIPANTS}): a broadcast, not a relationship`);
      return;
    }
    const content = row.get('CONTENT');
    const text = messageText(content) || personName(row.get('SUBJECT'));
    const key = `message/${contentDigest(conversation, nameKey(from), row.get('SENDER PROFILE URL').trim(), date.local, content)}`;
    const rawAt = row.get('DATE').trim();
    for (const recipient of recipients) {
      const subject = participant(context, conversation, recipient.name, recipient.url);
      if (subject === undefined) {
        context.skip(`a recipient ${JSON.stringify(recipient.name)} with no profile URL: a member who hid or deleted their profile`);
        continue;
      }
      if (subject.id === sender.id) continue;
      context.signal({
        id: signalId('linkedin', key, `to:${recipient.url ?? `name:${nameKey(recipient.name)}`}`),
        network: 'linkedin',
        kind: 'message',
        actor: sender,
        subject,
        at: date.at,
        rawAt,
        object: text === '' ? { participants } : { text, participants },
      });
    }
  },
};

/** A person of the conversation as an identity: the owner, a member, or undefined for a hidden member. */
function participant(context: RowContext, conversation: string, name: string, url: string | undefined): IdentityRef | undefined {
  const known = url ?? context.conversations.urlOf(conversation, name);
  if (context.owner.matches(name, known)) return context.ownerRef();
  if (known === undefined && (name === '' || nameKey(name) === nameKey(HIDDEN_MEMBER))) return undefined;
  return context.member(name, known);
}
