import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IdentityReport, Rejection, Signal, SourceBatch } from '@handshake/sdk';
import { crawlPlan, type ExportFiles, temporaryFolder, writeFolder, writeZip } from '@handshake/testing';
import { describe, expect, it } from 'vitest';
import { LinkedinExportSource } from './linkedin-export-source.js';

interface ExportRun {
  readonly batches: SourceBatch[];
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  readonly rejected: Rejection[];
  readonly skipped: Rejection[];
}

/** Runs the source as the host does and keeps everything it yields, skips included. */
async function readExport(options: Record<string, unknown>, cursor?: string): Promise<ExportRun> {
  const source = new LinkedinExportSource();
  const run: ExportRun = { batches: [], signals: [], identities: [], rejected: [], skipped: [] };
  for await (const batch of source.read({
    sourceId: 'linkedin',
    options: source.options.parse(options),
    cursor,
    abort: new AbortController().signal,
    plan: crawlPlan(),
  })) {
    run.batches.push(batch);
    run.signals.push(...batch.signals);
    run.identities.push(...(batch.identities ?? []));
    run.rejected.push(...(batch.rejected ?? []));
    run.skipped.push(...(batch.skipped ?? []));
  }
  return run;
}

const line = (signal: Signal) => `${signal.kind} ${signal.actor.id} > ${signal.subject.id} ${signal.at}`;
const OWEN = 'https://www.linkedin.com/in/owen-owner';
const ADA = 'https://www.linkedin.com/in/ada-lovelace';
const GRACE = 'https://www.linkedin.com/in/grace-hopper';
const NICHOLAS = 'https://www.linkedin.com/in/nsm';
const quoted = (...fields: string[]) => fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',');

/** A 2023+ export with the traps FORMATS.md lists, owned by Owen Owner. */
const export2023: ExportFiles = {
  'Connections.csv': [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing, see https://www.linkedin.com/psettings/privacy/email.',
    'You can learn more here, too."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    `Ada,Lovelace,${ADA},ada@example.org,Analytical Engines,"Mathematician, Writer",26 Dec 2025`,
    '🚀 Brendan,Ng,https://www.linkedin.com/in/%7Ebrendan,,Rockets,CTO,15 Dec 2025',
    'Margo ,Y ,https://www.linkedin.com/in/margo,,,,03 Nov 2025',
    `Nicholas,"Stamp Miller, MBA",${NICHOLAS},,,,01 Nov 2025`,
    '',
    ',,,,,,23 Nov 2024',
    `Grace,Hopper,${GRACE},,Navy,Rear Admiral,31 Sep 2024`,
    '',
  ].join('\n'),
  'messages.csv': [
    quoted(
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
    ),
    quoted(
      'c1',
      '',
      'Owen Owner',
      OWEN,
      'Ada Lovelace',
      ADA,
      '2025-12-27 10:00:00 UTC',
      '',
      'Hi Ada,\nlong time!',
      'INBOX',
      '',
      'No',
      'No',
    ),
    quoted(
      'c1',
      '',
      'Ada Lovelace',
      ADA,
      'Owen Owner',
      OWEN,
      '2025-12-27 11:00:00 UTC',
      '',
      '<p>Hello&nbsp;Owen</p><p>Fish &amp; chips?</p>',
      'INBOX',
      '',
      'No',
      'No',
    ),
    quoted(
      'c2',
      'Parsers',
      'Owen Owner',
      OWEN,
      'Grace Hopper, Nicholas Stamp Miller, MBA',
      `${GRACE},${NICHOLAS}`,
      '2025-12-28 09:00:00 UTC',
      '',
      'Hello both',
      'INBOX',
      '',
      'No',
      'No',
    ),
    quoted(
      'c2',
      'Parsers',
      'Grace Hopper',
      GRACE,
      'Owen Owner, Nicholas Stamp Miller, MBA',
      `${OWEN},${NICHOLAS}`,
      '2025-12-28 09:30:00 UTC',
      '',
      'Hi!',
      'INBOX',
      '',
      'No',
      'No',
    ),
    quoted('c3', '', 'LinkedIn Member', '', 'Owen Owner', OWEN, '2025-12-29 08:00:00 UTC', '', 'You won!', 'INBOX', '', 'No', 'No'),
    quoted('c4', '', 'Owen Owner', OWEN, 'Ada Lovelace', ADA, '2025-12-30 08:00:00 UTC', '', 'unsent', 'DRAFT', '', 'Yes', 'No'),
    quoted('c5', '', 'Owen Owner', OWEN, 'Ada Lovelace', ADA, 'yesterday', '', 'when?', 'INBOX', '', 'No', 'No'),
    '',
  ].join('\n'),
  'Invitations.csv': [
    'From,To,Sent At,Message,Direction',
    'Owen Owner,Grace Hopper,"8/26/22, 8:56 PM",,OUTGOING',
    `Linus Torvalds,Owen Owner,"3/13/22, 2:30 AM","Hi Owen, let's connect",INCOMING`,
    'Owen Owner,Nobody,"8/26/22, 8:56 PM",,SIDEWAYS',
    '',
  ].join('\n'),
  'Shares.csv': [
    'Date,ShareLink,ShareCommentary,SharedURL,MediaURL,Visibility',
    '2025-11-02 01:30:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001,"Shipping a parser today.""',
    '""""',
    '""Read more: https://lnkd.in/abc https://owen.example/notes""',
    '""""',
    '""#Rust #csv",https://owen.example/parser,,MEMBER_NETWORK',
    '2025-11-03 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7002,,,,CONNECTIONS',
    '',
  ].join('\r\n'),
  'Comments.csv': [
    'Date,Link,Message',
    '2022-09-08 18:34:12,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A6973,"Nice, really"',
    '',
    '',
  ].join('\r\n'),
  'Reactions.csv': ['Date,Type,Link', '2022-09-11 02:49:29,LIKE,https://www.linkedin.com/feed/update/urn%3Ali%3AgroupPost%3A1-2', ''].join(
    '\r\n',
  ),
  'Endorsement Received Info.csv': [
    'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status',
    '2020/06/09 00:53:47 UTC,TypeScript,Ada,Lovelace,ACCEPTED',
    '2020/06/10 00:00:00 UTC,Spam,Bot,Account,REJECTED',
    '',
  ].join('\n'),
  'Member_Follows.csv': [
    'Date,Status,FullName',
    '2022-09-09 01:41:08,Active,"Beatrice Carina, MBA"',
    '2022-08-24 02:53:05,Unfollow,Elmer Eze',
    '',
  ].join('\r\n'),
  'Company Follows.csv': 'Organization,Followed On\nQuill Corporation,Tue Aug 30 14:33:11 UTC 2022\n',
};

async function export2023Zip(): Promise<string> {
  return writeZip(join(await temporaryFolder(), 'Complete_LinkedInDataExport_12-31-2025.zip'), export2023);
}

describe('LinkedinExportSource on a 2023+ export', () => {
  it('turns every file into the signals a user expects', async () => {
    const zip = await export2023Zip();
    const run = await readExport({ path: zip, timeZone: 'America/New_York' });
    expect(run.signals.map(line)).toEqual([
      `connection ${OWEN} > ${ADA} 2025-12-26T05:00:00Z`,
      `connection ${OWEN} > https://www.linkedin.com/in/~brendan 2025-12-15T05:00:00Z`,
      `connection ${OWEN} > https://www.linkedin.com/in/margo 2025-11-03T05:00:00Z`,
      `connection ${OWEN} > ${NICHOLAS} 2025-11-01T04:00:00Z`,
      `follow ${OWEN} > name:Grace Hopper 2022-08-27T00:56:00Z`,
      // 2:30 AM did not exist in New York that night: read as 3:30 EDT.
      `follow name:Linus Torvalds > ${OWEN} 2022-03-13T07:30:00Z`,
      `message name:Linus Torvalds > ${OWEN} 2022-03-13T07:30:00Z`,
      `message ${OWEN} > ${ADA} 2025-12-27T10:00:00Z`,
      `message ${ADA} > ${OWEN} 2025-12-27T11:00:00Z`,
      `message ${OWEN} > ${GRACE} 2025-12-28T09:00:00Z`,
      `message ${OWEN} > ${NICHOLAS} 2025-12-28T09:00:00Z`,
      `message ${GRACE} > ${OWEN} 2025-12-28T09:30:00Z`,
      `message ${GRACE} > ${NICHOLAS} 2025-12-28T09:30:00Z`,
      // 1:30 AM happened twice in New York that night: the first, in EDT.
      `post ${OWEN} > ${OWEN} 2025-11-02T05:30:00Z`,
      `link ${OWEN} > https://owen.example 2025-11-02T05:30:00Z`,
      `post ${OWEN} > ${OWEN} 2025-11-03T14:00:00Z`,
      `endorsement name:Ada Lovelace > ${OWEN} 2020-06-09T00:53:47Z`,
      `follow ${OWEN} > name:Beatrice Carina, MBA 2022-09-09T05:41:08Z`,
    ]);
  });

  it('reports bad rows with archive, file and line, and skipped ones with their reason', async () => {
    const zip = await export2023Zip();
    const run = await readExport({ path: zip });
    expect(run.rejected).toEqual([
      { where: `${zip}!Connections.csv:12`, reason: 'Connected On: day 31 does not exist in month 9 of 2024, received "31 Sep 2024"' },
      { where: `${zip}!Invitations.csv:4`, reason: 'Direction: expected INCOMING or OUTGOING, received "SIDEWAYS"' },
      { where: `${zip}!messages.csv:9`, reason: expect.stringMatching(/^DATE: not a date LinkedIn writes .*, received "yesterday"$/) },
    ]);
    expect(run.skipped.map((skip) => `${skip.where.slice(zip.length + 1)} ${skip.reason}`)).toEqual([
      'Connections.csv:11 a connection with no name and no profile URL: a member who hid or deleted their profile',
      'messages.csv:7 sent by "LinkedIn Member" with no profile URL: a member who hid or deleted their profile',
      'messages.csv:8 a draft that was never sent',
      'Endorsement Received Info.csv:3 an endorsement with status REJECTED: only the ones the owner accepted are counted',
      'Member_Follows.csv:3 a follow with status "Unfollow": the owner no longer follows this member',
      "Comments.csv:2 a comment on urn:li:activity:6973: the export does not name the post's author, so it cannot be tied to a person",
      "Reactions.csv:2 a reaction (LIKE) on urn:li:groupPost:1-2: the export does not name the post's author, so it cannot be tied to a person",
    ]);
  });

  it('reports the owner by the URL the export gives, and members as weak identities without emails', async () => {
    const run = await readExport({ path: await export2023Zip() });
    expect(run.identities.filter((identity) => identity.owner)).toEqual([
      { network: 'linkedin', id: OWEN, owner: true, url: OWEN, weak: true, displayName: 'Owen Owner' },
    ]);
    const byId = new Map(run.identities.map((identity) => [identity.id, identity]));
    expect(byId.get('https://www.linkedin.com/in/~brendan')).toEqual({
      network: 'linkedin',
      id: 'https://www.linkedin.com/in/~brendan',
      weak: true,
      displayName: '🚀 Brendan Ng',
      url: 'https://www.linkedin.com/in/~brendan',
    });
    expect(byId.get('https://www.linkedin.com/in/margo')?.displayName).toBe('Margo Y');
    expect(byId.get(NICHOLAS)?.displayName).toBe('Nicholas Stamp Miller, MBA');
    expect(byId.get('name:Linus Torvalds')).toEqual({
      network: 'linkedin',
      id: 'name:Linus Torvalds',
      weak: true,
      displayName: 'Linus Torvalds',
    });
    expect(run.identities.every((identity) => identity.weak || identity.owner)).toBe(true);
    expect(new Set(run.identities.map((identity) => identity.id)).size).toBe(run.identities.length);
    expect(JSON.stringify(run.identities)).not.toContain('@example.org');
  });

  it('carries message text, group size, post text, topics and links, endorsement skills', async () => {
    const run = await readExport({ path: await export2023Zip() });
    const messages = run.signals.filter((signal) => signal.kind === 'message');
    expect(messages.map((signal) => signal.object)).toEqual([
      { text: "Hi Owen, let's connect", participants: 2 },
      { text: 'Hi Ada,\nlong time!', participants: 2 },
      { text: 'Hello Owen\nFish & chips?', participants: 2 },
      { text: 'Hello both', participants: 3 },
      { text: 'Hello both', participants: 3 },
      { text: 'Hi!', participants: 3 },
      { text: 'Hi!', participants: 3 },
    ]);
    const [post, bare] = run.signals.filter((signal) => signal.kind === 'post');
    expect(post).toMatchObject({
      id: 'linkedin:urn:li:share:7001',
      rawAt: '2025-11-02 01:30:00',
      object: {
        url: 'https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001',
        text: 'Shipping a parser today.\n\nRead more: https://lnkd.in/abc https://owen.example/notes\n\n#Rust #csv',
        topics: ['rust', 'csv'],
        links: ['https://owen.example/parser', 'https://owen.example/notes'],
      },
    });
    expect(bare).toMatchObject({
      id: 'linkedin:urn:li:ugcPost:7002',
      object: { url: 'https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7002' },
    });
    expect(run.signals.find((signal) => signal.kind === 'endorsement')?.object).toEqual({ topics: ['typescript'] });
  });

  it('reads a folder as it reads the zip, and gives the same ids on every import', async () => {
    const zip = await readExport({ path: await export2023Zip() });
    const folder = await readExport({ path: await writeFolder(await temporaryFolder(), export2023) });
    expect(folder.signals).toEqual(zip.signals);
    expect(folder.rejected.map((rejection) => rejection.reason)).toEqual(zip.rejected.map((rejection) => rejection.reason));
    expect(new Set(zip.signals.map((signal) => signal.id)).size).toBe(zip.signals.length);
  });

  it('yields nothing for an unchanged export and reads it again when it or the options change', async () => {
    const zip = await export2023Zip();
    const first = await readExport({ path: zip });
    const cursor = first.batches.at(-1)?.cursor;
    expect(first.batches.at(-1)?.progress).toMatchObject({ unit: 'bytes' });
    expect((await readExport({ path: zip }, cursor)).batches).toEqual([]);
    expect((await readExport({ path: zip, timeZone: 'Europe/Berlin' }, cursor)).signals).toHaveLength(first.signals.length);
    await writeZip(zip, { ...export2023, 'Member_Follows.csv': 'Date,Status,FullName\r\n2022-09-10 01:41:08,Active,Grace Hopper\r\n' });
    const changed = await readExport({ path: zip }, cursor);
    expect(changed.signals.filter((signal) => signal.kind === 'follow').map(line)).toContain(
      `follow ${OWEN} > name:Grace Hopper 2022-09-10T01:41:08Z`,
    );
  });
});

describe('LinkedinExportSource on a 2022 export and Excel re-saves', () => {
  const files: ExportFiles = {
    'Connections.csv': 'First Name,Last Name,Email Address,Company,Position,Connected On\r\nIgnatius V,Farley ,,Acme,Dev,9-Sep-22\r\n',
    'messages.csv': [
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER',
      'conv-1,,Dmitri Wells,https://www.linkedin.com/in/dmitri-wells,Ignatius V Farley,2022-09-08 18:08:14 UTC,,Well,INBOX',
      'conv-1,,Ignatius V Farley,https://www.linkedin.com/in/go-farley,Dmitri Wells,2022-09-08 18:07:48 UTC,,"happy to share, more",INBOX',
      'conv-2,,Dmitri Wells,https://www.linkedin.com/in/dmitri-wells,Ignatius V Farley,2022-09-09 10:00:00 UTC,,Other thread,INBOX',
      '',
    ].join('\n'),
  };

  it("names recipients by their URL from the same conversation, and the owner from ownerName when messages can't tell", async () => {
    const folder = await writeFolder(await temporaryFolder(), files);
    const run = await readExport({ path: folder, ownerName: 'dmitri wells' });
    expect(run.signals.map(line)).toEqual([
      'connection https://www.linkedin.com/in/dmitri-wells > name:Ignatius V Farley 2022-09-09T00:00:00Z',
      'message https://www.linkedin.com/in/dmitri-wells > https://www.linkedin.com/in/go-farley 2022-09-08T18:08:14Z',
      'message https://www.linkedin.com/in/go-farley > https://www.linkedin.com/in/dmitri-wells 2022-09-08T18:07:48Z',
      // Ignatius never wrote in conv-2, so nothing there gives his URL.
      'message https://www.linkedin.com/in/dmitri-wells > name:Ignatius V Farley 2022-09-09T10:00:00Z',
    ]);
    expect(run.signals[0]?.rawAt).toBe('9-Sep-22');
    expect(run.identities.find((identity) => identity.owner)).toMatchObject({
      id: 'https://www.linkedin.com/in/dmitri-wells',
      displayName: 'dmitri wells',
    });
    expect(run.skipped).toEqual([]);
  });

  it('says once that the owner is ambiguous, and keeps the facts under their own names', async () => {
    const folder = await writeFolder(await temporaryFolder(), files);
    const run = await readExport({ path: folder });
    expect(run.skipped).toEqual([
      {
        where: `${folder}!messages.csv`,
        reason:
          'cannot tell the export\'s owner: "Dmitri Wells", "Ignatius V Farley" each appear in 2 conversations; their messages are kept under their own names; set the ownerName option to link the owner to you',
      },
    ]);
    expect(run.identities.find((identity) => identity.owner)).toEqual({ network: 'linkedin', id: '~owner', owner: true });
    expect(run.signals[0]).toMatchObject({ kind: 'connection', actor: { id: '~owner' } });
    expect(run.signals.filter((signal) => signal.kind === 'message')).toHaveLength(3);
  });

  it('gives a connection the same id before and after an Excel re-save', async () => {
    const original = await readExport({
      path: await writeFolder(await temporaryFolder(), {
        'Connections.csv':
          'Notes:\n"preamble"\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\nIgnatius V,Farley,,Acme,Dev,09 Sep 2022\n',
      }),
    });
    const resaved = await readExport({
      path: await writeFolder(await temporaryFolder(), { 'Connections.csv': files['Connections.csv'] as string }),
    });
    expect(resaved.signals.map((signal) => signal.id)).toEqual(original.signals.map((signal) => signal.id));
    expect(resaved.signals.map((signal) => signal.at)).toEqual(original.signals.map((signal) => signal.at));
  });

  it('reads Invitations dates in the locale the user sets', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'Invitations.csv':
        'From,To,Sent At,Message,Direction\nAda Lovelace,Owen Owner,"26/08/2022, 20:56",,INCOMING\nAda Lovelace,Owen Owner,"06/08/2022, 09:15",,INCOMING\n',
    });
    const gb = await readExport({ path: folder, locale: 'en-GB' });
    expect(gb.signals.map((signal) => signal.at)).toEqual(['2022-08-26T20:56:00Z', '2022-08-06T09:15:00Z']);
    const us = await readExport({ path: folder });
    expect(us.signals.map((signal) => signal.at)).toEqual(['2022-06-08T09:15:00Z']);
    expect(us.rejected).toEqual([
      {
        where: `${folder}!Invitations.csv:2`,
        reason:
          'Sent At: month 26 is out of range (read as month/day/year for locale en-US; if the export writes day/month/year, set locale to en-GB), received "26/08/2022, 20:56"',
      },
    ]);
  });
});

describe('LinkedinExportSource on large and broken exports', () => {
  it('yields batches of about 2,000 whose cursors resume without losing or repeating a signal', async () => {
    const rows = Array.from(
      { length: 4500 },
      (_, index) =>
        `c${index % 50},,Owen Owner,${OWEN},Person ${index % 50},2025-01-01 ${String(Math.floor(index / 3600)).padStart(2, '0')}:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${String(index % 60).padStart(2, '0')} UTC,,message ${index},INBOX`,
    );
    const zip = await writeZip(join(await temporaryFolder(), 'big.zip'), {
      'messages.csv': `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n${rows.join('\n')}\n`,
      'Connections.csv': 'First Name,Last Name,Email Address,Company,Position,Connected On\nPerson,1,,,,01 Jan 2024\n',
    });
    const full = await readExport({ path: zip });
    expect(full.signals).toHaveLength(4501);
    expect(full.batches.map((batch) => batch.signals.length)).toEqual([2000, 2000, 501]);
    expect(full.batches[0]?.progress).toMatchObject({ unit: 'bytes', total: expect.any(Number) });

    // A crash after the first commit: the next run starts from its cursor.
    const resumed = await readExport({ path: zip }, full.batches[0]?.cursor);
    const ids = [...(full.batches[0]?.signals ?? []), ...resumed.signals].map((signal) => signal.id);
    expect(ids).toEqual(full.signals.map((signal) => signal.id));
    expect(new Set(ids).size).toBe(4501);
    expect((await readExport({ path: zip }, resumed.batches.at(-1)?.cursor)).batches).toEqual([]);
  });

  it('stops between batches when the run is aborted', async () => {
    const rows = Array.from({ length: 4500 }, (_, index) => `Person,${index},,,,01 Jan 2024`);
    const folder = await writeFolder(await temporaryFolder(), {
      'Connections.csv': `First Name,Last Name,Email Address,Company,Position,Connected On\n${rows.join('\n')}\n`,
    });
    const source = new LinkedinExportSource();
    const abort = new AbortController();
    const batches: SourceBatch[] = [];
    for await (const batch of source.read({
      sourceId: 'linkedin',
      options: source.options.parse({ path: folder }),
      cursor: undefined,
      abort: abort.signal,
      plan: crawlPlan(),
    })) {
      batches.push(batch);
      abort.abort();
    }
    expect(batches.map((batch) => batch.signals.length)).toEqual([2000]);
    expect(JSON.parse(batches[0]?.cursor ?? '{}')).toMatchObject({ file: 'Connections.csv', line: 2001 });
  });

  it('counts a conversation of more than 25 people apart, as a broadcast', async () => {
    const names = Array.from({ length: 30 }, (_, index) => `Person ${index}`);
    const folder = await writeFolder(await temporaryFolder(), {
      'messages.csv': `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\nbig,,Owen Owner,${OWEN},"${names.join(', ')}",2025-01-01 00:00:00 UTC,,hi all,INBOX\n`,
    });
    const run = await readExport({ path: folder, ownerName: 'Owen Owner' });
    expect(run.signals).toEqual([]);
    expect(run.skipped.map((skip) => skip.reason)).toEqual(['a conversation of 31 people (more than 25): a broadcast, not a relationship']);
  });

  it('reports a quote that never closes and reads the rows after it', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'Connections.csv':
        'First Name,Last Name,Email Address,Company,Position,Connected On\n"Broken,Row,,,,01 Jan 2024\nAda,Lovelace,,,,02 Jan 2024\n',
    });
    const run = await readExport({ path: folder });
    expect(run.rejected).toEqual([{ where: `${folder}!Connections.csv:2`, reason: 'a quoted field opened on line 2 is never closed' }]);
    expect(run.signals.map(line)).toEqual(['connection ~owner > name:Ada Lovelace 2024-01-02T00:00:00Z']);
  });

  it('reports a file without its header and goes on with the others', async () => {
    const folder = await writeFolder(await temporaryFolder(), {
      'Shares.csv': 'When,What\n2022-01-01,x\n',
      'Member_Follows.csv': 'Date,Status,FullName\n2022-09-09 01:41:08,Active,Ada Lovelace\n',
    });
    const run = await readExport({ path: folder });
    expect(run.rejected).toEqual([
      { where: `${folder}!Shares.csv:1`, reason: 'no header row with the columns Date, ShareLink, ShareCommentary' },
    ]);
    expect(run.signals).toHaveLength(1);
  });

  it('throws an error naming the export when it cannot be read', async () => {
    const folder = await temporaryFolder();
    await expect(readExport({ path: join(folder, 'missing.zip') })).rejects.toThrow(
      `cannot open ${join(folder, 'missing.zip')}: no such file or folder`,
    );
    const corrupt = join(folder, 'corrupt.zip');
    await writeFile(corrupt, Buffer.from('PK\u0003\u0004 this is not a zip'));
    await expect(readExport({ path: corrupt })).rejects.toThrow(`cannot open ${corrupt} as a zip`);
    const unrelated = await writeFolder(await temporaryFolder(), { 'notes.txt': 'hello' });
    await expect(readExport({ path: unrelated })).rejects.toThrow(
      `cannot read ${unrelated} as a LinkedIn export: it holds none of Profile.csv, Connections.csv`,
    );
  });

  it('refuses a locale or time zone that does not exist before reading anything', () => {
    const source = new LinkedinExportSource();
    expect(source.options.safeParse({ path: 'x', timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(source.options.safeParse({ path: 'x', locale: 'not a locale' }).success).toBe(false);
    expect(source.options.parse({ path: 'x' })).toEqual({ path: 'x', locale: 'en-US', timeZone: 'UTC' });
  });
});
