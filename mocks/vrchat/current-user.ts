import { choice } from '../shared/profile';
import type { VrchatUser } from './state';

/**
 * The CurrentUser the mock returns: every field the spec marks required, with the account's real state in the
 * fields the auth flows observe (2FA, email verification, deletion).
 */
// Assumption VR-026 (specs/assumptions.yaml)
export function currentUser(user: VrchatUser, extra: { authToken?: string } = {}): Record<string, unknown> {
  return {
    acceptedTOSVersion: 9,
    accountDeletionDate: user.deletionScheduledFor?.toISOString().slice(0, 10) ?? null, // format: date
    accountDeletionLog: user.deletionLog,
    ageVerificationStatus: 'hidden',
    ageVerified: false,
    allowAvatarCopying: false,
    ...(extra.authToken ? { authToken: extra.authToken } : {}),
    bio: '',
    bioLinks: [],
    currentAvatar: 'avtr_00000000-0000-0000-0000-000000000000',
    currentAvatarImageUrl: '',
    currentAvatarTags: [],
    currentAvatarThumbnailImageUrl: '',
    date_joined: user.createdAt.toISOString().slice(0, 10),
    developerType: 'none',
    displayName: user.displayName,
    emailVerified: user.emailVerified,
    friendGroupNames: [],
    friendKey: '',
    friends: [],
    hasBirthday: true,
    hasEmail: true,
    hasLoggedInFromClient: false,
    hasPendingEmail: false,
    homeLocation: '',
    id: user.id,
    isAdult: true,
    isFriend: false,
    last_login: (user.lastLogin ?? user.createdAt).toISOString(),
    last_mobile: null,
    last_platform: 'standalonewindows',
    obfuscatedEmail: obfuscate(user.email),
    obfuscatedPendingEmail: '',
    oculusId: '',
    pastDisplayNames: [],
    profilePicOverride: '',
    profilePicOverrideThumbnail: '',
    pronouns: '',
    pronounsHistory: [],
    state: choice('VR-026').filler === 'offline' ? 'offline' : 'active',
    status: choice('VR-026').filler === 'offline' ? 'offline' : 'active',
    statusDescription: '',
    statusFirstTime: false,
    statusHistory: [],
    steamDetails: {},
    steamId: '',
    tags: [],
    twoFactorAuthEnabled: user.totpSecret !== undefined,
    unsubscribe: true,
    userIcon: '',
    username: user.username,
    usesGeneratedPassword: false,
  };
}

/** `t***@example.com`: what VRChat shows of an address. */
function obfuscate(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  if (choice('VR-026').filler === 'active') return `${local.slice(0, 1)}${'*'.repeat(Math.max(local.length - 2, 1))}${local.slice(-1)}@${domain}`;
  return `${local.slice(0, 1)}***@${domain}`;
}
