/** What a record's free-text `title` says about who acted on whose post. */
export interface TitleAttribution {
  readonly action: 'timeline' | 'share' | 'comment' | 'reaction';
  /** The name the title starts with: who acted. */
  readonly actor: string;
  /** Whose post, photo, comment or timeline it was, when the title names them. */
  readonly counterpart?: string;
  /** The actor acted on their own post ("… commented on his own post."). */
  readonly own: boolean;
}

const ACTIONS: Readonly<Record<string, TitleAttribution['action']>> = {
  'wrote on': 'timeline',
  'posted on': 'timeline',
  'posted to': 'timeline',
  shared: 'share',
  'commented on': 'comment',
  'replied to': 'comment',
  likes: 'reaction',
  liked: 'reaction',
  'reacted to': 'reaction',
  loves: 'reaction',
  loved: 'reaction',
};

const SENTENCE = new RegExp(`^(?<actor>.+?) (?<verb>${Object.keys(ACTIONS).join('|')}) (?<target>.+?)\\.?$`, 'u');
const OWN = /^(?:his|her|their|your|its|my) own\b/iu;
/** The things a title says belong to someone; the name before `'s` is their owner. */
const THINGS =
  'post|posts|photo|photos|video|videos|comment|comments|reply|replies|link|status|album|note|event|story|reel|memory|check-in|' +
  'life event|cover photo|profile picture|profile photo|live video|gif|answer|question|poll|review|fundraiser|article|activity|' +
  'timeline|wall|birthday|update|share|page';
const POSSESSIVE = new RegExp(`^(?<owner>.+?)['’]s? (?:${THINGS})\\b`, 'iu');
const NOT_A_NAME: ReadonlySet<string> = new Set(['a', 'an', 'the', 'this', 'that', 'his', 'her', 'their', 'your', 'its', 'my']);

/**
 * Reads the English titles Facebook puts on posts, comments and reactions ("Ada commented on
 * Dan's post.", "Ada wrote on Dan's timeline."), the only place the export says whose post it
 * was. Titles are localized ("… đã bình luận về ảnh của …"); any other language, or an English
 * title of another form, gives undefined and the caller treats the counterpart as unknown.
 */
export function attributeTitle(title: unknown): TitleAttribution | undefined {
  if (typeof title !== 'string') return undefined;
  const sentence = SENTENCE.exec(title.trim());
  if (!sentence?.groups) return undefined;
  const { actor, verb, target } = sentence.groups as { actor: string; verb: string; target: string };
  const action = ACTIONS[verb] as TitleAttribution['action'];
  if (OWN.test(target)) return { action, actor, own: true };
  const owner = POSSESSIVE.exec(target)?.groups?.owner;
  if (owner === undefined || NOT_A_NAME.has(owner.toLowerCase())) return { action, actor, own: false };
  if (action === 'timeline' && !/^(?:.+?)['’]s? (?:timeline|wall)\b/iu.test(target)) return undefined;
  return { action, actor, counterpart: owner, own: owner === actor };
}
