import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StreamingZipWriter } from '@handshake/testing';

/** mulberry32: the same seed gives the same export on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ada',
  'Grace',
  'Linus',
  'Margo',
  'Sade',
  'Eero',
  'Bo Lucia',
  'Hector',
  'Mabel',
  'Jun Ines',
  'Tanvi',
  'Zeno',
  'Rosamund',
  'Ignatius V',
  'ivor',
  '🚀 Brendan',
  'Dante (Hala)',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Torvalds',
  'Y ',
  'Kimura',
  'Virtanen',
  'Laine',
  'Darby',
  'Alder',
  'Yamada',
  'Bowen',
  'Stamp Miller, MBA',
  'Molina',
  'Farley',
  'ochoa',
  'Ng',
  'Dixon',
  'Wells',
];
const COMPANIES = ['Sapphire University', 'Acme, Inc.', 'Orchard AI', 'Lobster Labs', 'Bonfire House', 'Quill Corporation'];
const POSITIONS = ['Engineer', 'Head of Brand & AI', 'Recruiter, Talent', 'CEO', 'Researcher', 'Product Manager'];
const SENTENCES = [
  'Thanks for connecting!',
  'Are you free for a call next week?',
  'I read your post about "distributed systems", great points.',
  'We are hiring, would you like to chat?',
  'Happy to share more details later, the slides are ready.',
  'Let me know what time works for you.',
  'See you at the meetup on Friday, it was great to see everyone again.',
  'Here is the link: https://example.org/jobs/2670581?ref=li',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OWNER = { name: 'Bench Owner', url: 'https://www.linkedin.com/in/bench-owner' };
/** LinkedIn caps a member's connections at 30,000. */
const MAX_CONNECTIONS = 30_000;
const DAY = 86_400_000;
/** The time of every zip entry: a fixed one, so the same size gives the same zip. */
const ZIPPED_AT = new Date('2026-01-15T12:00:00Z');

interface Member {
  readonly first: string;
  readonly last: string;
  readonly url: string;
}

/** A CSV file written line by line, with the writer's back-pressure respected. */
class CsvFile {
  bytes = 0;
  private readonly out: WriteStream;

  constructor(
    readonly path: string,
    private readonly lineEnd: string,
  ) {
    this.out = createWriteStream(path);
  }

  async line(text: string): Promise<void> {
    const chunk = text + this.lineEnd;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const utc = (time: number) => new Date(time).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Writes a synthetic LinkedIn export of about `targetBytes` (uncompressed) into `folder` and
 * returns the zip's path. Its shape follows a heavy user's real export: up to 30,000 connections
 * with the 2023 URL column and the "Notes:" preamble, most of the bytes in messages.csv (2023
 * format, every field quoted, multi-line and HTML content, group conversations, hidden members,
 * drafts), and some invitations and shares with LinkedIn's broken quoting. The same size gives the same file.
 */
export async function generateLargeExport(folder: string, targetBytes: number): Promise<string> {
  await mkdir(folder, { recursive: true });
  const parts = await mkdtemp(join(folder, 'linkedin-export-parts-'));
  const next = random(20_260_115);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  try {
    const end = Date.UTC(2026, 0, 15);
    const connections = new CsvFile(join(parts, 'Connections.csv'), '\n');
    await connections.line('Notes:');
    await connections.line(
      '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    );
    await connections.line('');
    await connections.line('First Name,Last Name,URL,Email Address,Company,Position,Connected On');
    const members: Member[] = [];
    const connectionBudget = targetBytes * 0.15;
    while (connections.bytes < connectionBudget && members.length < MAX_CONNECTIONS) {
      const index = members.length;
      const member = {
        first: pick(FIRST),
        last: pick(LAST),
        url: `https://www.linkedin.com/in/member-${index.toString(36)}-${Math.floor(next() * 1e6)}`,
      };
      members.push(member);
      const day = new Date(end - Math.floor((index / MAX_CONNECTIONS) * 3650 * DAY));
      const date = `${String(day.getUTCDate()).padStart(2, '0')} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
      const email = next() < 0.05 ? `member${index}@example.org` : '';
      await connections.line([member.first, member.last, member.url, email, pick(COMPANIES), pick(POSITIONS), date].map(quote).join(','));
      if (index % 5000 === 4999) await connections.line(',,,,,,23 Nov 2024');
    }
    await connections.close();

    const invitations = new CsvFile(join(parts, 'Invitations.csv'), '\n');
    await invitations.line('From,To,Sent At,Message,Direction');
    for (let index = 0; invitations.bytes < targetBytes * 0.02; index++) {
      const member = members[index % members.length] as Member;
      const name = `${member.first} ${member.last}`.trim();
      const sent = new Date(end - index * 3_600_000);
      const hour = sent.getUTCHours();
      const stamp = `${sent.getUTCMonth() + 1}/${sent.getUTCDate()}/${String(sent.getUTCFullYear()).slice(2)}, ${hour % 12 || 12}:${String(sent.getUTCMinutes()).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
      const incoming = next() < 0.7;
      const note = next() < 0.2 ? pick(SENTENCES) : '';
      await invitations.line(
        [incoming ? name : OWNER.name, incoming ? OWNER.name : name, stamp, note, incoming ? 'INCOMING' : 'OUTGOING'].map(quote).join(','),
      );
    }
    await invitations.close();

    const shares = new CsvFile(join(parts, 'Shares.csv'), '\r\n');
    await shares.line('Date,ShareLink,ShareCommentary,SharedURL,MediaURL,Visibility');
    for (let index = 0; shares.bytes < targetBytes * 0.01; index++) {
      const paragraphs = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(SENTENCES).replaceAll('"', '""'));
      paragraphs.push('#typescript #hiring #opensource');
      // LinkedIn quotes every paragraph on its own inside the field.
      const commentary = `"${paragraphs.join('""\r\n""""\r\n""')}"`;
      await shares.line(
        `${utc(end - index * DAY)},https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A${7_000_000_000 + index},${commentary},https://example.org/post/${index},,MEMBER_NETWORK`,
      );
    }
    await shares.close();

    const messages = new CsvFile(join(parts, 'messages.csv'), '\n');
    const fields = [
      'CONVERSATION ID',
      'CONVERSATION TITLE',
      'FROM',
      'SENDER PROFILE URL',
      'TO',
      'RECIPIENT PROFILE URLS',
      'DATE',
      'SUBJECT',
      'CONTENT',
      'FOLDER',
      'ATTACHMENTS',
      'IS MESSAGE DRAFT',
      'IS CONVERSATION DRAFT',
    ];
    const all = (values: readonly string[]) => values.map((value) => `"${value.replaceAll('"', '""')}"`).join(',');
    await messages.line(all(fields));
    const budget = targetBytes - connections.bytes - invitations.bytes - shares.bytes;
    let time = end - 3 * 365 * DAY;
    for (let conversation = 0; messages.bytes < budget; conversation++) {
      const id = `2-${Buffer.from(`conversation-${conversation}`).toString('base64')}`;
      const roll = next();
      const hidden = roll < 0.03;
      const size = roll < 0.85 ? 1 : 2 + Math.floor(next() * 4);
      const others: { name: string; url: string }[] = hidden
        ? [{ name: 'LinkedIn Member', url: '' }]
        : Array.from({ length: size }, () => {
            const member = pick(members);
            return { name: `${member.first} ${member.last}`.trim(), url: member.url };
          });
      const people = [OWNER, ...others];
      const title = size > 1 ? 'Project sync' : '';
      const count = 1 + Math.floor(next() * 12);
      for (let message = 0; message < count && messages.bytes < budget; message++) {
        time += Math.floor(next() * 600_000);
        const sender = hidden ? (others[0] as { name: string; url: string }) : message % 2 === 0 ? OWNER : pick(others);
        const recipients = people.filter((person) => person !== sender);
        const sentences = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(SENTENCES));
        const style = next();
        const content =
          style < 0.1
            ? sentences
                .map((sentence) => `<p class="spinmail-quill-editor__spin-break">${sentence.replaceAll('&', '&amp;')}</p>`)
                .join('<p><br></p>')
            : style < 0.3
              ? sentences.join('\n\n')
              : sentences.join(' ');
        const draft = next() < 0.005 ? 'Yes' : 'No';
        await messages.line(
          all([
            id,
            title,
            sender.name,
            sender.url,
            recipients.map((person) => person.name).join(', '),
            recipients.map((person) => person.url).join(','),
            `${utc(time)} UTC`,
            '',
            content,
            'INBOX',
            '',
            draft,
            'No',
          ]),
        );
      }
    }
    await messages.close();

    const path = join(folder, 'Complete_LinkedInDataExport_01-15-2026.zip');
    const zip = await StreamingZipWriter.create(path, ZIPPED_AT);
    try {
      // Streamed from disk and deflated on the way, so a 100 MB messages.csv never sits in memory.
      for (const file of [connections, invitations, shares, messages])
        await zip.addStream(file.path.slice(parts.length + 1), createReadStream(file.path));
    } finally {
      await zip.close();
    }
    return path;
  } finally {
    await rm(parts, { recursive: true, force: true });
  }
}
