import type { Config } from '../core/config';
import type { HttpClient } from '../http/client';
import { secrets } from '../redaction/secrets';
import { EnhanceDriver } from './driver';

/** How many pages of the realm's customers' logins the check reads at most, looking for one login of the organisation. */
const MAX_PAGES = 10;
const PAGE = 100;

/**
 * Before a real run, what the Enhance contract lets a client check cheaply, one message per problem:
 * - the admin variables: ENHANCE_ORG_ID is a customer organisation of ENHANCE_REALM_ID, not the realm itself (the
 *   scenarios about the hosting company's customers need one); the token lists the realm's logins and the
 *   organisation's; a login of the organisation is among the realm's customers' logins (when it has one);
 * - each configured login signs in with what was given: ENHANCE_EMAIL without a second factor (its session is ended
 *   again), ENHANCE_OTP_EMAIL stopping at its authenticator app (no code is spent: that sign-in is left to expire).
 */
export async function enhanceConfigurationProblems(config: NonNullable<Config['enhance']>, newClient: () => HttpClient): Promise<string[]> {
  try {
    return [...(await adminProblems(config, newClient)), ...(await loginProblems(config, newClient))];
  } catch (error) {
    return [`the panel at ENHANCE_BASE_URL=${config.baseUrl} cannot be reached: ${error instanceof Error ? error.message : String(error)}`];
  }
}

async function adminProblems(config: NonNullable<Config['enhance']>, newClient: () => HttpClient): Promise<string[]> {
  const admin = config.admin;
  if (!admin) return [];
  secrets.add(admin.token);
  if (admin.orgId.toLowerCase() === admin.realmId.toLowerCase()) {
    return [`ENHANCE_ORG_ID and ENHANCE_REALM_ID are both ${admin.orgId}: ENHANCE_ORG_ID must be a customer organisation of the hosting company ENHANCE_REALM_ID names, not the hosting company itself`];
  }
  const company = new EnhanceDriver(newClient()).withToken(admin.token);
  const problems: string[] = [];
  const realm = await company.getLogins({ realmId: admin.realmId, limit: 1 });
  if (realm.status !== 200) problems.push(`ENHANCE_ADMIN_TOKEN cannot list the logins of the realm ENHANCE_REALM_ID=${admin.realmId} (${realm.status}): it must be an access token of that hosting company with the Owner, SuperAdmin or Sysadmin role`);
  const organisation = await company.getOrgLogins(admin.orgId, { limit: 1 });
  if (organisation.status !== 200) {
    problems.push(`ENHANCE_ADMIN_TOKEN cannot list the logins of the organisation ENHANCE_ORG_ID=${admin.orgId} (${organisation.status}): it must be a customer organisation of ENHANCE_REALM_ID=${admin.realmId}`);
    return problems;
  }
  // A login of the organisation must be among the realm's customers' logins; an organisation without one cannot tell.
  const [member] = organisation.json<{ items: { id: string }[] }>().items;
  if (!member) return problems;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const customers = await company.getCustomerLogins(admin.realmId, { offset: page * PAGE, limit: PAGE, sortBy: 'email', sortOrder: 'asc' });
    if (customers.status !== 200) {
      problems.push(`ENHANCE_ADMIN_TOKEN cannot list the logins of the customers of ENHANCE_REALM_ID=${admin.realmId} (${customers.status})`);
      return problems;
    }
    const { items, total } = customers.json<{ items: { id: string }[]; total: number }>();
    if (items.some((item) => item.id === member.id)) return problems;
    if (items.length === 0 || (page + 1) * PAGE >= total) {
      problems.push(`ENHANCE_ORG_ID=${admin.orgId} is not a customer organisation of ENHANCE_REALM_ID=${admin.realmId}: its logins are not among the logins of the realm's customers`);
      return problems;
    }
  }
  return problems;
}

async function loginProblems(config: NonNullable<Config['enhance']>, newClient: () => HttpClient): Promise<string[]> {
  const problems: string[] = [];
  secrets.add(config.password);
  const basic = new EnhanceDriver(newClient());
  const signIn = await basic.createSession({ email: config.email, password: config.password });
  if (signIn.status === 200) await basic.deleteCurrentSession();
  else if (signIn.status === 201) problems.push('ENHANCE_EMAIL: its sign-in asks for a second factor; it must name a login without two-factor authentication');
  else problems.push(`ENHANCE_EMAIL and ENHANCE_PASSWORD: the panel refused the sign-in (${signIn.status})`);
  if (config.otpLogin) {
    secrets.add(config.otpLogin.password);
    const otp = await new EnhanceDriver(newClient()).createSession({ email: config.otpLogin.email, password: config.otpLogin.password });
    if (otp.status === 200) problems.push('ENHANCE_OTP_EMAIL: its sign-in asks for no second factor; it must name a login protected by an authenticator app');
    else if (otp.status !== 201) problems.push(`ENHANCE_OTP_EMAIL and ENHANCE_OTP_PASSWORD: the panel refused the sign-in (${otp.status})`);
    else if (otp.json<{ authMethod?: string }>().authMethod !== 'otp') problems.push(`ENHANCE_OTP_EMAIL: its sign-in asks for ${otp.json<{ authMethod?: string }>().authMethod ?? 'another second factor'}, not an authenticator app's code`);
  }
  return problems;
}
