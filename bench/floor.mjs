/**
 * The benchmark's floor: the workload of bench/WORKLOAD.md (F1 to F10, R rounds) with nothing but Node's global
 * fetch, exactly its requests and its 61 checks per round. Plain JavaScript run by `node` itself, so that its time
 * is Node's start-up plus the HTTP work and nothing else (no TypeScript transpiler).
 *
 *   node bench/floor.mjs [rounds]     (the variables of `npm run mocks -- --bench`'s block in the environment)
 *
 * Exits 1 at the first failed check, naming it; prints `floor: N requests, M checks` when all passed.
 */
import { generate } from 'otplib';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set (start the mocks with npm run mocks -- --bench)`);
  return value;
};
const VR = env('VRCHAT_BASE_URL');
const EN = env('ENHANCE_BASE_URL');
const SH = env('SHOKO_BASE_URL');
const AGENT = env('VRCHAT_USER_AGENT');
const VR_USER = env('VRCHAT_USERNAME');
const VR_PASS = env('VRCHAT_PASSWORD');
const TOTP_SECRET = env('VRCHAT_TOTP_SECRET');
const EN_EMAIL = env('ENHANCE_EMAIL');
const EN_PASS = env('ENHANCE_PASSWORD');
const EN_ORG = env('ENHANCE_ORG_ID');
const SH_USER = env('SHOKO_USER');
const SH_PASS = env('SHOKO_PASSWORD');
const rounds = Number(process.argv[2] ?? process.env.BENCH_ROUNDS ?? 1);

let requests = 0;
let checks = 0;

/** One request, redirects not followed; the body read whole and parsed when it is JSON. */
async function call(method, url, { headers = {}, json, cookies = {} } = {}) {
  const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    headers: { ...headers, ...(cookie ? { cookie } : {}), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  requests += 1;
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  // Cookies by hand: the value of each Set-Cookie, by name.
  const set = Object.fromEntries(response.headers.getSetCookie().map((line) => {
    const pair = line.split(';')[0];
    return [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()];
  }));
  return { status: response.status, body, set };
}

function check(what, ok) {
  checks += 1;
  if (!ok) throw new Error(`check failed: ${what}`);
}

const vr = (path, options = {}) => call(options.method ?? 'GET', `${VR}${path}`, { ...options, headers: { 'user-agent': AGENT, ...options.headers } });
const basic = (user, pass) => ({ authorization: `Basic ${Buffer.from(`${encodeURIComponent(user)}:${encodeURIComponent(pass)}`).toString('base64')}` });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 1.1 and 1.2 (4.1 and 4.2): password, then the authenticator code; returns the session cookie. */
async function vrchatLogin(flow) {
  const login = await vr('/auth/user', { headers: basic(VR_USER, VR_PASS) });
  check(`${flow}.1 status`, login.status === 200);
  check(`${flow}.1 requiresTwoFactorAuth`, JSON.stringify(login.body?.requiresTwoFactorAuth) === '["totp","otp"]');
  check(`${flow}.1 auth cookie`, /^authcookie_/.test(login.set.auth ?? ''));
  const auth = login.set.auth;
  const verify = await vr('/auth/twofactorauth/totp/verify', { method: 'POST', cookies: { auth }, json: { code: await generate({ secret: TOTP_SECRET }) } });
  check(`${flow}.2 status`, verify.status === 200);
  check(`${flow}.2 verified`, verify.body?.verified === true);
  check(`${flow}.2 twoFactorAuth cookie`, !!verify.set.twoFactorAuth);
  return auth;
}

async function logout(flow, auth) {
  const out = await vr('/logout', { method: 'PUT', cookies: { auth } });
  check(`${flow} logout status`, out.status === 200);
  check(`${flow} logout message`, out.body?.success?.message === 'Ok!');
}

const FLOWS = [
  async function f1() {
    const auth = await vrchatLogin(1);
    const me = await vr('/auth/user', { cookies: { auth } });
    check('1.3 status', me.status === 200);
    check('1.3 username', me.body?.username === VR_USER);
    check('1.3 id', /^usr_/.test(me.body?.id ?? ''));
    check('1.3 twoFactorAuthEnabled', me.body?.twoFactorAuthEnabled === true);
    await logout('1.4', auth);
    const after = await vr('/auth/user', { cookies: { auth } });
    check('1.5 status', after.status === 401);
    check('1.5 message', after.body?.error?.message === '"Missing Credentials"');
  },
  async function f2() {
    const wrong = await vr('/auth/user', { headers: basic(VR_USER, `${VR_PASS}x`) });
    check('2.1 status', wrong.status === 401);
    check('2.1 message', wrong.body?.error?.message === '"Invalid Username/Email or Password"');
    check('2.1 status_code', wrong.body?.error?.status_code === 401);
  },
  async function f3() {
    const exists = await vr(`/auth/exists?username=${encodeURIComponent(VR_USER)}`);
    check('3.1 status', exists.status === 200);
    check('3.1 userExists', exists.body?.userExists === true);
    check('3.1 nameOk', exists.body?.nameOk === true);
    const none = await vr('/auth/exists');
    check('3.2 status', none.status === 400);
    check('3.2 status_code', none.body?.error?.status_code === 400);
  },
  async function f4() {
    const auth = await vrchatLogin(4);
    const token = await vr('/auth', { cookies: { auth } });
    check('4.3 status', token.status === 200);
    check('4.3 ok', token.body?.ok === true);
    check('4.3 token', token.body?.token === auth);
    await logout('4.4', auth);
  },
  async function f5() {
    const signIn = await call('POST', `${EN}/login/sessions`, { json: { email: EN_EMAIL, password: EN_PASS } });
    check('5.1 status', signIn.status === 200);
    check('5.1 orgId', signIn.body?.memberships?.[0]?.orgId === EN_ORG);
    check('5.1 id0 cookie', !!signIn.set.id0);
    const id0 = signIn.set.id0;
    const login = await call('GET', `${EN}/login`, { cookies: { id0 } });
    check('5.2 status', login.status === 200);
    check('5.2 email', login.body?.email === EN_EMAIL);
    check('5.2 authMethod', login.body?.authMethod === 'basic');
    const sessions = await call('GET', `${EN}/login/sessions`, { cookies: { id0 } });
    check('5.3 status', sessions.status === 200);
    check('5.3 items[0].id', typeof sessions.body?.items?.[0]?.id === 'string');
    const out = await call('DELETE', `${EN}/login/sessions/current`, { cookies: { id0 } });
    check('5.4 status', out.status === 200);
    const after = await call('GET', `${EN}/login`, { cookies: { id0 } });
    check('5.5 status', after.status === 401);
    check('5.5 code', after.body?.code === 'unauthorized');
  },
  async function f6() {
    const reset = await call('PUT', `${EN}/login/password-recovery`, { json: { email: 'nobody.bench@example.test' } });
    check('6.1 status', reset.status === 200);
  },
  async function f7() {
    const wrong = await call('POST', `${EN}/login/sessions`, { json: { email: EN_EMAIL, password: `${EN_PASS}x` } });
    check('7.1 status', wrong.status === 401);
    // WORKLOAD.md says `invalid_credentials`; the Enhance mock answers every 401 with `unauthorized` (see the note
    // at the end of bench/WORKLOAD.md), so that is what is checked: one check, as the workload counts it.
    check('7.1 code', wrong.body?.code === 'unauthorized');
  },
  async function f8() {
    const signIn = await call('POST', `${SH}/api/auth`, { json: { user: SH_USER, pass: SH_PASS, device: 'bench-f8' } });
    check('8.1 status', signIn.status === 200);
    check('8.1 apikey', UUID.test(signIn.body?.apikey ?? ''));
    const apikey = signIn.body.apikey;
    const me = await call('GET', `${SH}/api/v3/User/Current`, { headers: { apikey } });
    check('8.2 status', me.status === 200);
    check('8.2 Username', me.body?.Username === SH_USER);
    check('8.2 IsAdmin', me.body?.IsAdmin === true);
    const deleted = await call('DELETE', `${SH}/api/auth?apikey=${encodeURIComponent(apikey)}`);
    check('8.3 status', deleted.status === 200);
    const after = await call('GET', `${SH}/api/v3/User/Current`, { headers: { apikey } });
    check('8.4 status', after.status === 401);
  },
  async function f9() {
    const body = { user: SH_USER, pass: SH_PASS, device: 'bench-f9' };
    const first = await call('POST', `${SH}/api/auth`, { json: body });
    check('9.1 status', first.status === 200);
    check('9.1 apikey', UUID.test(first.body?.apikey ?? ''));
    const again = await call('POST', `${SH}/api/auth`, { json: body });
    check('9.2 status', again.status === 200);
    check('9.2 same key', again.body?.apikey === first.body.apikey);
  },
  async function f10() {
    const missing = await call('POST', `${SH}/api/auth`, { json: { user: SH_USER, pass: SH_PASS } });
    check('10.1 status', missing.status === 400);
    check('10.1 errors.device[0]', typeof missing.body?.errors?.device?.[0] === 'string');
    check('10.1 body status', missing.body?.status === 400);
  },
];

try {
  for (let round = 1; round <= rounds; round += 1) {
    for (const flow of FLOWS) await flow();
  }
  console.log(`floor: ${requests} requests, ${checks} checks`);
} catch (error) {
  console.error(`floor: ${error.message} (after ${requests} requests, ${checks} checks)`);
  process.exit(1);
}
