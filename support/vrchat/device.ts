import { HttpClient } from '../http/client';
import { familyTarget } from '../core/target';
import type { Scenario } from '../core/scenario';
import { VrchatDriver } from './driver';

/** A VRChat client that belongs to no account: a visitor, a sign-up form, or a device replaying a copied cookie. */
export function vrchatDevice(world: Scenario, options: { anonymousAgent?: boolean } = {}): VrchatDriver {
  if (!options.anonymousAgent) return new VrchatDriver(world.clientFor('VRChat'));
  // A client that does not identify itself is not judged by the contract (the WAF answers it).
  return new VrchatDriver(new HttpClient({ baseUrl: familyTarget(world.target, 'VRChat').baseUrl, onExchange: (exchange) => world.transcript.push(exchange) }));
}

/** A clean device holding only this session cookie and no credentials: whatever it gets, only the server decided. */
export async function vrchatDeviceReplaying(world: Scenario, sessionCookie: string): Promise<VrchatDriver> {
  const device = vrchatDevice(world);
  await device.client.jar.put('auth', sessionCookie, device.client.baseUrl);
  return device;
}
