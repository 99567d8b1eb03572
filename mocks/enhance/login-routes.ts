import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { generateSecret, generateURI } from 'otplib';
import { currentLogin, guard } from './caller';
import { membershipsBody } from './session-routes';
import type { AuthMethod, EnhanceState, Login } from './state';
import { recordIssued } from '../shared/issued-secrets';
import { fail } from './wire';
import { choice } from '../shared/profile';

const MAX_AVATAR_BYTES = 200 * 1024;
// Assumption EN-024 (specs/assumptions.yaml)
const IMAGE_SIGNATURES: { type: string; bytes: number[] }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];
const ICO_SIGNATURE = { type: 'image/x-icon', bytes: [0x00, 0x00, 0x01, 0x00] };

const UPDATE_LOGIN = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
    password: { type: 'string', minLength: 1 },
    locale: { type: 'string' },
    authMethod: { type: 'string', enum: ['basic', 'email', 'otp'] },
    currentPassword: { type: 'string' },
  },
  additionalProperties: false,
} as const;

interface UpdateLogin {
  name?: string;
  email?: string;
  password?: string;
  locale?: string;
  authMethod?: AuthMethod;
  currentPassword?: string;
}

// Assumption EN-026 (specs/assumptions.yaml)
export function loginBody(login: Login) {
  return {
    id: login.id,
    email: login.email,
    name: login.name,
    colorCode: login.colorCode,
    registeredAt: login.registeredAt.toISOString(),
    authMethod: login.authMethod,
    locale: choice('EN-026').locale,
    ...(login.avatar ? { avatarPath: `/avatars/${login.id}` } : {}),
    ...(login.passwordLastChangedAt ? { passwordLastChangedAt: login.passwordLastChangedAt.toISOString() } : {}),
  };
}

/** Operations on the current login (a session cookie; an organisation's bearer token is refused). */
export function registerLoginRoutes(app: FastifyInstance, state: EnhanceState): void {
  const asLogin = { onRequest: guard(state, 'login') };

  app.get('/login', asLogin, async (request) => loginBody(currentLogin(request).login));

  app.get('/login/memberships', asLogin, async (request) => membershipsBody(state, currentLogin(request).login));

  app.patch<{ Body: UpdateLogin }>('/login', { ...asLogin, schema: { body: UPDATE_LOGIN } }, async (request, reply) => {
    const { login, session } = currentLogin(request);
    const change = request.body;
    const { turnOff, turnOn } = choice('EN-022');
    const switching = change.authMethod !== undefined && change.authMethod !== login.authMethod;
    const turningOff = switching && change.authMethod === 'basic';
    // The defect: the session alone turns the second factor off, neither the PIN nor the password asked.
    const offAtOnce = turningOff && state.defects.has('enhance-second-factor-off-at-once');
    // "If the email or password are to be updated, the current password must be provided" (spec text). Turning the
    // second factor off needs the PIN of the enabled method instead (spec text); the alternative asks the password.
    // Assumption EN-022 (specs/assumptions.yaml)
    const sensitive = change.email !== undefined || change.password !== undefined || (turningOff && turnOff === 'current-password' && !offAtOnce);
    const proven = state.defects.has('enhance-current-password-not-checked') ? change.currentPassword !== undefined : change.currentPassword === login.password;
    if (sensitive && !proven && !state.defects.has('enhance-password-change-without-current')) {
      return fail(reply, 403, 'forbidden', 'Current password missing');
    }
    if (change.email !== undefined && change.email.toLowerCase() !== login.email.toLowerCase() && state.loginByEmail(change.email)) {
      // Assumption EN-028 (specs/assumptions.yaml)
      const status = choice('EN-028').emailTakenStatus;
      return fail(reply, status, status === 409 ? 'already_exists' : 'invalid_argument', 'Already exists');
    }
    if (change.name !== undefined) login.name = change.name;
    if (change.email !== undefined) login.email = change.email;
    if (change.password !== undefined) {
      state.setPassword(login, change.password);
      // Other devices must sign in again with the new password (ASVS 7.4.3; Enhance documents nothing either way).
      // Assumption EN-013 (specs/assumptions.yaml)
      if (!state.defects.has('enhance-password-change-keeps-other-sessions') && choice('EN-013').patchEndsOtherSessions) state.endSessions(login.id, session.id);
    }
    const result: { otpUrl?: string; verifyPin?: boolean } = {};
    if (switching && change.authMethod !== undefined) {
      const to = change.authMethod;
      const otpSecret = to === 'otp' ? generateSecret() : undefined;
      recordIssued(otpSecret);
      if (otpSecret) result.otpUrl = generateURI({ issuer: 'Enhance', label: login.email, secret: otpSecret });
      // Off: the enabled method's PIN confirms it (spec text). On: at once, or (alternative) the new method's PIN.
      // Switching between two second factors is turning one off ("disable MFA and enable the desired one").
      // Assumption EN-022 (specs/assumptions.yaml)
      const pinOf: AuthMethod | undefined = offAtOnce ? undefined : login.authMethod !== 'basic' && turnOff === 'pin' ? login.authMethod : to !== 'basic' && turnOn === 'pin' ? to : undefined;
      if (pinOf) {
        state.awaitMethodChange(login, session, to, pinOf, otpSecret);
        result.verifyPin = true;
      } else {
        login.authMethod = to;
        login.otpSecret = otpSecret;
        login.lastOtpStep = undefined;
        session.methodChange = undefined;
        result.verifyPin = false;
      }
    }
    return reply.send(result);
  });

  app.register(async (uploads) => {
    await uploads.register(multipart, { limits: { fileSize: MAX_AVATAR_BYTES, files: 1, fields: 0 } });

    uploads.put('/login/avatar', asLogin, async (request, reply) => {
      if (!request.isMultipart()) return fail(reply, 400, 'invalid_argument', 'Expected a multipart upload with an "avatar" file');
      // Assumption EN-024 (specs/assumptions.yaml), here and below. A body that ends before its closing boundary
      // makes the parser throw: bad input, not a server fault.
      const file = await request.file().catch(() => null);
      if (file === null) return fail(reply, choice('EN-024').malformedStatus, choice('EN-024').malformedStatus === 415 ? 'unsupported_media_type' : 'invalid_argument', 'The multipart body is malformed');
      if (!file || file.fieldname !== 'avatar') return fail(reply, 400, 'invalid_argument', 'Expected a multipart upload with an "avatar" file');
      const bytes = await file.toBuffer().catch(() => undefined);
      if (file.file.truncated) return fail(reply, choice('EN-024').sizeStatus, choice('EN-024').sizeStatus === 413 ? 'payload_too_large' : 'invalid_argument', 'The avatar must be at most 200 KiB');
      if (!bytes) return fail(reply, 400, 'invalid_argument', 'The multipart body is malformed');
      const accepted = [...IMAGE_SIGNATURES, ...(choice('EN-024').acceptsIco ? [ICO_SIGNATURE] : [])];
      // A switch trusts the part's declared content type instead of reading the bytes.
      const image = choice('EN-024').trustsContentType
        ? accepted.find((signature) => signature.type === file.mimetype)
        : accepted.find((signature) => signature.bytes.every((byte, index) => bytes[index] === byte));
      if (!image) return fail(reply, 400, 'invalid_argument', 'The avatar must be a PNG or JPEG image');
      currentLogin(request).login.avatar = { contentType: image.type, bytes: bytes.length };
      return reply.code(200).send();
    });
  });

  app.delete('/login/avatar', asLogin, async (request, reply) => {
    currentLogin(request).login.avatar = undefined;
    return reply.code(204).send();
  });
}
