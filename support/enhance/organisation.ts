import type { HttpClient } from '../http/client';
import { secrets } from '../redaction/secrets';
import { familyTarget } from '../core/target';
import type { Scenario } from '../core/scenario';
import { uniqueSuffix } from '../core/unique';

/** One scenario's Enhance world: a hosting company (a reseller realm), one of its customers, and its access token. */
export interface EnhanceOrganisation {
  realmId: string;
  customerOrgId: string;
  /** The hosting company's access token (an Owner's), an organisation credential for `Authorization: Bearer`. */
  companyToken: string;
}

async function created<T>(response: Promise<import('../http/response').HttpResponse>, what: string): Promise<T> {
  const answer = await response;
  if (answer.status !== 201) throw new Error(`the Enhance mock refused to create ${what} (${answer.status})`);
  return answer.json<T>();
}

/**
 * Built once per scenario, on the mock's control API. On a real panel it is the one the environment names
 * (`ENHANCE_REALM_ID`, `ENHANCE_ORG_ID`, `ENHANCE_ADMIN_TOKEN`); scenarios that need it are tagged `@admin`.
 */
export function enhanceOrganisation(world: Scenario): Promise<EnhanceOrganisation> {
  if (world.target.kind === 'real') {
    const admin = world.target.config.enhance?.admin;
    if (!admin) throw new Error('this step needs ENHANCE_ADMIN_TOKEN, ENHANCE_ORG_ID and ENHANCE_REALM_ID: tag the scenario @admin');
    secrets.add(admin.token);
    return Promise.resolve({ realmId: admin.realmId, customerOrgId: admin.orgId, companyToken: admin.token });
  }
  return world.setup('enhance', () => mockOrganisation(world));
}

/**
 * A second hosting company on the same panel, with a customer and an access token of its own: another tenant. Only
 * the mocks make one (a real run is given one company's credentials); a scenario that needs it is `@mock-only`.
 */
export function otherHostingCompany(world: Scenario): Promise<EnhanceOrganisation> {
  if (world.target.kind === 'real') throw new Error('a second hosting company exists only on the mocks: tag the scenario @mock-only');
  return world.setup('enhance-other-company', () => mockOrganisation(world));
}

/** A hosting company (a reseller realm), one customer and an Owner's access token, built on the mock's control API. */
async function mockOrganisation(world: Scenario): Promise<EnhanceOrganisation> {
  const control = controlClient(world);
  const suffix = uniqueSuffix();
  const realm = await created<{ id: string }>(control.send('/_mock/orgs', { method: 'POST', json: { name: `Hosting ${suffix}` } }), 'the hosting company');
  const customer = await created<{ id: string }>(
    control.send('/_mock/orgs', { method: 'POST', json: { name: `Customer ${suffix}`, parentId: realm.id } }),
    'the customer organisation',
  );
  const { token } = await created<{ token: string }>(
    control.send(`/_mock/orgs/${realm.id}/access-tokens`, { method: 'POST', json: { roles: ['Owner'] } }),
    'an access token',
  );
  secrets.add(token);
  return { realmId: realm.id, customerOrgId: customer.id, companyToken: token };
}

export function controlClient(world: Scenario): HttpClient {
  const { controlUrl } = familyTarget(world.target, 'Enhance');
  if (!controlUrl) throw new Error('this step needs the Enhance mock\'s control API: tag the scenario @mock-only');
  return world.newClient(controlUrl);
}
