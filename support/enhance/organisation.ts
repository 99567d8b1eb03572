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
  return world.setup('enhance', async () => {
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
  });
}

export function controlClient(world: Scenario): HttpClient {
  const { controlUrl } = familyTarget(world.target, 'Enhance');
  if (!controlUrl) throw new Error('this step needs the Enhance mock\'s control API: tag the scenario @mock-only');
  return world.newClient(controlUrl);
}
