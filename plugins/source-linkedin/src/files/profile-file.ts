import { personName } from '../identity/person-name.js';
import type { LinkedinFile } from './linkedin-file.js';

/** Profile.csv: the owner's own profile, read only for the owner's name (never the address or birth date beside it). */
export const profileFile: LinkedinFile = {
  name: 'Profile.csv',
  columns: ['First Name', 'Last Name'],
  survey(row, survey) {
    survey.owner.profile(personName(row.get('First Name'), row.get('Last Name')));
  },
};
