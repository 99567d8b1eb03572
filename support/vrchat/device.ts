import type { AuthWorld } from '../world';
import { VrchatDriver } from './driver';

/** A VRChat client that belongs to no account: a visitor, a sign-up form, or a device replaying a copied cookie. */
export function vrchatDevice(world: AuthWorld, options: { anonymousAgent?: boolean } = {}): VrchatDriver {
  const { baseUrl, userAgent } = world.target.vrchat;
  return new VrchatDriver(world.newClient(baseUrl, options.anonymousAgent ? undefined : userAgent));
}
