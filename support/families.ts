/** The API families, by the folder their features live in (features/vrchat/…), as the report names them. */
export const FAMILY_NAMES: Record<string, string> = { vrchat: 'VRChat', enhance: 'Enhance', shoko: 'Shoko' };

/** `features/vrchat/login.feature` → `VRChat`. */
export function familyOf(featureUri: string): string {
  const folder = /features\/([^/]+)\//.exec(featureUri.replace(/\\/g, '/'))?.[1] ?? 'other';
  return FAMILY_NAMES[folder] ?? folder;
}
