/**
 * The VRChat response bodies the steps read (only the fields they use), typed as the description promises them: a
 * field it does not require may be absent, and a `nullable` one may be null.
 */
export type TwoFactorMethod = 'totp' | 'otp' | 'emailOtp';

export interface TwoFactorChallenge {
  requiresTwoFactorAuth: TwoFactorMethod[];
}

export interface CurrentUser {
  id: string;
  username?: string;
  displayName: string;
  emailVerified: boolean;
  twoFactorAuthEnabled: boolean;
  accountDeletionDate?: string | null;
  accountDeletionLog?: { message?: string; deletionScheduled?: string | null; dateTime?: string }[] | null;
  authToken?: string;
}

/** The account's deletion log; absent or null (both allowed by the description) when nothing was ever requested. */
export function deletionLog(user: CurrentUser): NonNullable<CurrentUser['accountDeletionLog']> {
  return user.accountDeletionLog ?? [];
}

export interface VrchatError {
  error: { message: string; status_code: number };
}

export interface RecoveryCodes {
  otp: { code: string; used: boolean }[];
  requiresTwoFactorAuth: string[];
}

export interface PendingEnrolment {
  qrCodeDataUrl: string;
  secret: string;
}

export interface RegistrationRequest {
  acceptedTOSVersion: number;
  captchaCode: string;
  day: string;
  email: string;
  month: string;
  password: string;
  subscribe: boolean;
  username: string;
  year: string;
}

/** VRChat quotes most messages twice (`"\"Missing Credentials\""`); this gives the inner text either way. */
export function errorMessage(body: VrchatError): string {
  const { message } = body.error;
  try {
    const inner: unknown = JSON.parse(message);
    return typeof inner === 'string' ? inner : message;
  } catch {
    return message;
  }
}
