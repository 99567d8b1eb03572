import type { FastifyInstance } from 'fastify';
import { generateURI } from 'otplib';
import QRCode from 'qrcode';
import { CODE_BODY } from './login-routes';
import { callerOf, guard } from './session-guard';
import type { VrchatState } from './state';
import { quotedError, send, sessionCookie, TOO_MANY_REQUESTS, wrongCode } from './wire';
import { choice } from '../shared/profile';

/** Enrolling an authenticator (pending secret → verify), cancelling, disabling, and the recovery codes. */
export function registerTwoFactorRoutes(app: FastifyInstance, state: VrchatState): void {
  const authenticated = { onRequest: guard(state, 'authenticated') };
  // Everything but starting an enrolment, which the defect leaves as the only operation that checks.
  const managing = { onRequest: guard(state, state.defects.has('vrchat-pending-session-manages-two-factor') ? 'pendingOrAuthenticated' : 'authenticated') };

  app.post('/auth/twofactorauth/totp/pending', authenticated, async (request, reply) => {
    const { user } = callerOf(request);
    // Assumption VR-019 (specs/assumptions.yaml)
    if (user.totpSecret) return send(reply, 400, quotedError(400, 'Two-Factor Authentication is already enabled'));
    const secret = state.startEnrolment(user);
    const uri = generateURI({ issuer: 'VRChat', label: user.username, secret });
    const qrCodeDataUrl = await QRCode.toDataURL(uri);
    return send(reply, 200, JSON.stringify({ qrCodeDataUrl, secret }));
  });

  app.delete('/auth/twofactorauth/totp/pending', managing, async (request, reply) => {
    const { user } = callerOf(request);
    const removed = user.pendingTotpSecret !== undefined;
    user.pendingTotpSecret = undefined;
    return send(reply, 200, JSON.stringify({ removed }));
  });

  app.post<{ Body: { code: string } }>(
    '/auth/twofactorauth/totp/pending/verify',
    { ...managing, schema: { body: CODE_BODY } },
    async (request, reply) => {
      const { user } = callerOf(request);
      if (!user.pendingTotpSecret) {
        return send(reply, 400, quotedError(400, 'There is no pending Two-Factor Authentication to verify'));
      }
      if (state.isLockedOut(user)) return send(reply, 429, TOO_MANY_REQUESTS);
      if (!state.checkTotp(user, request.body.code, user.pendingTotpSecret)) {
        state.recordWrongCode(user);
        const refusal = wrongCode();
        return send(reply, refusal.status, refusal.body);
      }
      state.finishEnrolment(user);
      reply.header('set-cookie', sessionCookie('twoFactorAuth', state.rememberDevice(user), state.clock.now()));
      // Assumption VR-019 (specs/assumptions.yaml)
      return send(reply, 200, choice('VR-019').enrolledBody);
    },
  );

  // Assumption VR-019 (specs/assumptions.yaml)
  app.delete('/auth/twofactorauth', managing, async (request, reply) => {
    const { user } = callerOf(request);
    const removed = user.totpSecret !== undefined;
    state.disableTwoFactor(user);
    return send(reply, 200, JSON.stringify({ removed }));
  });

  app.get('/auth/user/twofactorauth/otp', managing, async (request, reply) => {
    const { user } = callerOf(request);
    const requiresTwoFactorAuth = user.totpSecret ? state.challengeFor(user) : [];
    return send(reply, 200, JSON.stringify({ otp: user.recoveryCodes, requiresTwoFactorAuth }));
  });
}
