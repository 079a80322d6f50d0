import { Trans, useLingui } from '@lingui/react/macro';
import { Link, useSearch } from '@tanstack/react-router';
import { orgName } from '../auth';
import { modules } from '../modules';
import { EmptyState, PageHeader } from '../../ui/components';
import { localised, usePublicOrg } from './context';
import p from './Public.module.css';

/**
 * /p/$orgCode — the organisation's public landing page: the public services it offers (each
 * registered by a module: WebModule.publicServices, offered when the server's module says so)
 * and how to reach it.
 */
export function PublicHomePage() {
  const org = usePublicOrg();
  const { i18n } = useLingui();
  const { lang } = useSearch({ strict: false }) as { lang?: string };
  const offered = new Set(org.services.map((x) => x.id));
  const services = modules.flatMap((m) => m.publicServices ?? []).filter((x) => offered.has(x.id));
  const contact = localised(org.contactText, i18n.locale);
  return (
    <>
      <PageHeader title={orgName(org.names, i18n.locale)} />
      <section aria-labelledby="public-services">
        <h2 id="public-services"><Trans>Online services</Trans></h2>
        {services.length === 0 ? (
          <EmptyState>
            <p><Trans>This organisation does not offer any online services here yet.</Trans></p>
            <p><Trans>To file a complaint or to report something, contact the organisation directly.</Trans></p>
          </EmptyState>
        ) : (
          <ul className={p.services}>
            {services.map((x) => (
              <li key={x.id}>
                <Link to={`/p/$orgCode${x.path}` as '/p/$orgCode'} params={{ orgCode: org.code }} search={lang ? { lang } : {}} className={p.service}>
                  <h3>{i18n._(x.title)}</h3>
                  <p>{i18n._(x.description)}</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="public-contact">
        <h2 id="public-contact"><Trans>Contact</Trans></h2>
        {contact ? (
          <p className={p.contact} lang={contact.lang === i18n.locale ? undefined : contact.lang}>{contact.text}</p>
        ) : (
          <p><Trans>The organisation has not published contact details here.</Trans></p>
        )}
      </section>
    </>
  );
}
