import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Archive, type ArchiveEntry, type IdentityRef, ownerIdentity, type Rejection, type Signal } from '@handshake/sdk';
import { isoInstant } from './facebook-instant.js';
import type { MessageThread } from './facebook-layout.js';
import { FACEBOOK, type FacebookPerson, facebookPerson } from './facebook-person.js';

/** Names remembered at most; an export with more distinct names only cleans some twice. */
const PEOPLE_CACHE = 100_000;

/** What one record of the export gave: its facts, or why it gave none. */
export interface RecordOutcome {
  readonly signals?: readonly Signal[];
  readonly rejected?: readonly Rejection[];
  readonly skipped?: readonly Rejection[];
}

/** A thread's participants as its first part lists them (names cleaned), or why they could not be read. */
export type ThreadParticipants =
  | { readonly ok: true; readonly names: readonly string[] }
  | { readonly ok: false; readonly where: string; readonly reason: string };

export interface ReadingContextOptions {
  readonly archive: Archive;
  /** The path the user gave: a zip's modification time, or a folder holding the files. */
  readonly location: string;
  /** The owner's names as the export writes them, cleaned; empty when the export never says. */
  readonly ownerNames: ReadonlySet<string>;
  readonly participants: ReadonlyMap<MessageThread, ThreadParticipants>;
  readonly maxGroupSize: number;
  /** The files whose modification times date a folder export. */
  readonly datedEntries: readonly ArchiveEntry[];
}

/** What every reader shares: the archive, who the owner is, the export's own time, and the bytes read so far. */
export class ReadingContext {
  readonly owner: IdentityRef = ownerIdentity(FACEBOOK);
  readonly archive: Archive;
  readonly maxGroupSize: number;
  readonly participants: ReadonlyMap<MessageThread, ThreadParticipants>;
  /** Bytes read from the export's files in this run, for progress. */
  bytesRead = 0;
  private readonly ownerNames: ReadonlySet<string>;
  private readonly people = new Map<string, FacebookPerson>();
  private exportTimePromise: Promise<string> | undefined;

  constructor(private readonly options: ReadingContextOptions) {
    this.archive = options.archive;
    this.maxGroupSize = options.maxGroupSize;
    this.participants = options.participants;
    this.ownerNames = options.ownerNames;
  }

  /** Whether the export says who its owner is; without it, the owner's own name cannot be told from a friend's. */
  get ownerKnown(): boolean {
    return this.ownerNames.size > 0;
  }

  readonly countBytes = (bytes: number): void => {
    this.bytesRead += bytes;
  };

  /** The person a name stands for: the owner (`me`) when it is one of the owner's names. */
  person(name: unknown): FacebookPerson {
    if (typeof name !== 'string') return facebookPerson(name);
    // A thread names the same few people on every message: clean each name once.
    let person = this.people.get(name);
    if (person === undefined) {
      person = facebookPerson(name);
      if (person.ok && this.ownerNames.has(person.name)) person = { ok: true, name: person.name, ref: this.owner };
      if (this.people.size >= PEOPLE_CACHE) this.people.clear();
      this.people.set(name, person);
    }
    return person;
  }

  isOwner(ref: IdentityRef): boolean {
    return ref.network === this.owner.network && ref.id === this.owner.id;
  }

  /**
   * When the export was made, for records with no time of their own (followers): the zip's (or
   * tarball's) modification time, or for an unpacked folder the newest of its files' times, which
   * unzipping keeps. Never the import's clock, which would change on every run.
   */
  exportTime(): Promise<string> {
    this.exportTimePromise ??= this.readExportTime();
    return this.exportTimePromise;
  }

  private async readExportTime(): Promise<string> {
    const info = await stat(this.options.location);
    let newest = info.mtimeMs;
    if (info.isDirectory()) {
      const times = await Promise.all(
        this.options.datedEntries.map((entry) =>
          stat(join(this.options.location, ...entry.path.split('/'))).then(
            (file) => file.mtimeMs,
            () => undefined,
          ),
        ),
      );
      const known = times.filter((time): time is number => time !== undefined);
      if (known.length > 0) newest = Math.max(...known);
    }
    return isoInstant(Math.floor(newest / 1000) * 1000);
  }
}
