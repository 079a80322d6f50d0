import { useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { api, ApiError, get, post } from '../../app/api';
import { useOrg } from '../../app/context';
import { LANGUAGE_LABELS } from '../../app/labels';
import { LOCALES, type Locale } from '../../../shared/roles';
import { Button, buttonClass, Card, ConfirmDialog, EmptyState, ErrorAlert, Field, layout, Loading, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import type { CriterionView, FrameworkView } from '../../../server/modules/maturity/contract';
import { useFrameworks, type Frameworks } from './api';
import { FUNCTION_LABELS, FUNCTIONS, inLocale, LEVEL_LABELS, PILLAR_LABELS, PILLARS } from './labels';
import u from '../../ui/ui.module.css';
import s from './maturity.module.css';

/**
 * Framework administration (issue 20), for an administrator of the inspectorate: the versions of the
 * maturity frameworks, the import of a new version (a JSON file in the import format, checked by the
 * server, its refusals shown per place in the file), the preview of a draft in any of the four
 * languages, publishing (old measurements keep their version) and deleting a draft.
 */

const FRAMEWORKS_KEY = ['maturity-frameworks'] as const;
const frameworkUrl = (id: string) => `/api/maturity/frameworks/${id}`;
const downloadUrl = (id: string) => `${frameworkUrl(id)}/export.json`;
/** Larger than any realistic framework (200 criteria in four languages), as the server's body limit. */
const MAX_FILE = 4 * 1024 * 1024;

/** The frameworks are the inspectorate's: the pages answer its administrators only (the server refuses the writes to anybody else). */
function useFrameworkAdmin() {
  const { org, has } = useOrg();
  return org.kind === 'inspectorate' && has('administrator');
}
function NotForYou() {
  return <Notice kind="info"><Trans>The maturity frameworks are managed by the administrators of the inspectorate. You can read the published versions in each measurement.</Trans></Notice>;
}

function useFramework(id: string) {
  return useQuery({ queryKey: [...FRAMEWORKS_KEY, id], queryFn: () => get<FrameworkView>(frameworkUrl(id)) });
}

function StatusText({ f }: { f: Pick<FrameworkView, 'status' | 'current'> }) {
  if (f.status === 'draft') return <span className={`${s.status} ${s['st-consolidating']}`}><Trans>Draft</Trans></span>;
  return (
    <span className={`${s.status} ${s['st-approved']}`}>
      {f.current ? <Trans>Published, in use for new measurements</Trans> : <Trans>Published, replaced by a newer version</Trans>}
    </span>
  );
}

/** "Criterion 4 (D4) › Levels › Level 4 › French": the place in the file a server refusal names. */
function usePathText() {
  const { t, i18n } = useLingui();
  const words: Record<string, string> = {
    code: t`Code`, title: t`Title`, description: t`Description`, criteria: t`Criteria`, pillar: t`Pillar`, function: t`Function`,
    position: t`Position`, levels: t`Level descriptors`,
  };
  return (field: string, body: unknown): string => {
    const parts = field.split('.').filter(Boolean);
    if (parts.length === 0) return t`The file as a whole`;
    const out: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const prev = parts[i - 1];
      if (prev === 'criteria' && /^\d+$/.test(p)) {
        const n = Number(p);
        const code = (body as { criteria?: { code?: unknown }[] } | null)?.criteria?.[n]?.code;
        const position = String(n + 1);
        out.pop();
        out.push(typeof code === 'string' && code ? t`Criterion ${position} (${code})` : t`Criterion ${position}`);
      } else if (prev === 'levels' && /^\d+$/.test(p)) {
        const level = p;
        out.push(t`Level ${level}`);
      } else if ((LOCALES as readonly string[]).includes(p)) out.push(i18n._(LANGUAGE_LABELS[p as Locale]));
      else out.push(words[p] ?? p);
    }
    return out.join(' › ');
  };
}

/** What the import format asks where the server's generic message ("too short or too small") does not say it. */
function useFormatHint() {
  const { t } = useLingui();
  return (field: string, code: string): string => {
    const last = field.split('.').pop();
    const size = code === 'too_small' || code === 'too_big';
    if (last === 'levels' && size) return t`A criterion has exactly five level descriptors, from 0 (absent) to 4 (leading).`;
    if (field === 'criteria' && size) return t`A framework has at least 1 and at most 200 criteria.`;
    return '';
  };
}

/** The server's refusal of an import: every problem with its place in the file. */
function ImportErrors({ error, body }: { error: unknown; body: unknown }) {
  const pathText = usePathText();
  const hint = useFormatHint();
  if (!(error instanceof ApiError) || error.fields.length === 0) return <ErrorAlert error={error} />;
  return (
    <div role="alert" className={u.alert}>
      <strong><Trans>The file was not imported. Correct these points and try again:</Trans></strong>
      <ul>
        {error.fields.slice(0, 50).map((x, i) => <li key={i}><strong>{pathText(x.field, body)}</strong>: {x.message}{hint(x.field, x.code) && ` ${hint(x.field, x.code)}`}</li>)}
      </ul>
      {error.fields.length > 50 && <p><Trans>Only the first 50 points are shown.</Trans></p>}
    </div>
  );
}

/** Upload or paste the JSON of a new version; the server checks it and keeps it as a draft. */
function ImportForm({ current }: { current: Frameworks[number] | undefined }) {
  const { t } = useLingui();
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [localError, setLocalError] = useState('');
  const [sent, setSent] = useState<unknown>(null);
  const run = useMutation({
    mutationFn: (body: unknown) => post<FrameworkView>('/api/maturity/frameworks', body),
    onSuccess: async (d) => {
      await qc.invalidateQueries({ queryKey: FRAMEWORKS_KEY });
      void navigate({ to: `/o/${orgId}/maturity/frameworks/${d.id}` });
    },
  });
  const readFile = async (file: File | undefined) => {
    setLocalError('');
    run.reset();
    if (!file) return;
    if (file.size > MAX_FILE) { setLocalError(t`The file is larger than 4 MB: that is not a framework.`); return; }
    setFileName(file.name);
    setText(await file.text());
  };
  const submit = () => {
    setLocalError('');
    run.reset();
    if (!text.trim()) { setLocalError(t`Choose a file or paste the JSON of the framework first.`); return; }
    let body: unknown;
    try {
      // Editors on Windows often save UTF-8 with a byte order mark, which JSON.parse refuses.
      body = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      const detail = e instanceof Error ? e.message : '';
      setLocalError(t`This is not valid JSON, so nothing was sent. The reader says: ${detail}`);
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) { setLocalError(t`The JSON must be one object with code, title and criteria.`); return; }
    setSent(body);
    run.mutate(body);
  };
  return (
    <Card title={t`Import a new version`}>
      <p><Trans>A new version is a JSON file in the import format: the code of the framework, its title and description in the four languages, and the criteria, each with its pillar, function (instruments only), code, title, description and five level descriptors from 0 (absent) to 4 (leading), all in Dutch, French, German and English. The import becomes the next version of its code, as a draft: nobody measures with it until you publish it.</Trans></p>
      {current && (
        <p>
          <a className={buttonClass('secondary')} href={downloadUrl(current.id)} download>
            <Trans>Download the current version as JSON</Trans>
          </a>{' '}
          <span className={s.muted}><Trans>Start from it: change what you need and import the file again.</Trans></span>
        </p>
      )}
      <div className={u.field}>
        <label className={u.label} htmlFor="framework-file"><Trans>JSON file</Trans></label>
        <input id="framework-file" type="file" accept="application/json,.json" onChange={(e) => void readFile(e.target.files?.[0])} />
        {fileName && <p className={s.small}><Trans>Read: {fileName}. The text is below; you can still change it.</Trans></p>}
      </div>
      <Field label={t`Or paste the JSON here`} multiline value={text} onChange={(v) => { setText(v); setLocalError(''); }} />
      {localError && <div role="alert" className={u.alert}>{localError}</div>}
      <ImportErrors error={run.error} body={sent} />
      <div className={layout.actions}>
        <Button onPress={submit} isDisabled={run.isPending}><Trans>Check and import as draft</Trans></Button>
      </div>
    </Card>
  );
}

/**
 * /maturity/frameworks — the inspectorate's administrator: every version of every framework, the
 * measurements that use it, and the import of a new version.
 */
export function FrameworksPage() {
  const { t, i18n } = useLingui();
  const { orgId } = useOrg();
  const f = useFormat();
  const admin = useFrameworkAdmin();
  const list = useFrameworks();
  const items = list.data ?? [];
  const current = items.find((x) => x.code === 'imf' && x.current) ?? items.find((x) => x.current);
  const label = t`Versions of the maturity frameworks`;
  const header = (
    <PageHeader title={t`Maturity frameworks`}>
      <p><Trans>The frameworks the organisations measure their integrity policy with. A published version never changes: a new version is imported as a draft, checked and then published. Measurements keep the version they were started with.</Trans></p>
    </PageHeader>
  );
  if (!admin) return <>{header}<NotForYou /></>;
  return (
    <>
      {header}
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loading /> : items.length === 0 ? <EmptyState><Trans>No framework yet.</Trans></EmptyState> : (
        <div className={u.tableWrap} tabIndex={0} role="region" aria-label={label}>
          <table className={u.table}>
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col"><Trans>Framework</Trans></th><th scope="col"><Trans>Version</Trans></th><th scope="col"><Trans>Status</Trans></th>
                <th scope="col"><Trans>Criteria</Trans></th><th scope="col"><Trans>Measurements using it</Trans></th><th scope="col"><Trans>Published on</Trans></th>
                <th scope="col"><Trans>JSON</Trans></th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => {
                const title = inLocale(x.title, i18n.locale);
                const version = x.version;
                return (
                  <tr key={x.id}>
                    <th scope="row"><Link to={`/o/${orgId}/maturity/frameworks/${x.id}`}>{title}</Link> <span className={s.muted}>({x.code})</span></th>
                    <td>{version}</td>
                    <td><StatusText f={x} /></td>
                    <td>{f.number(x.criterionCount)}</td>
                    <td>{x.measurements === null ? '–' : f.number(x.measurements)}</td>
                    <td>{x.publishedAt ? f.date(x.publishedAt) : '–'}</td>
                    <td><a href={downloadUrl(x.id)} download aria-label={t`Download ${title} version ${version} as JSON`}><Trans>Download</Trans></a></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ImportForm current={current} />
    </>
  );
}

/** The criteria of a pillar (grouped by function in the instruments pillar), in the chosen language. */
function CriteriaPreview({ criteria, lang }: { criteria: CriterionView[]; lang: Locale }) {
  const { i18n } = useLingui();
  const one = (c: CriterionView) => (
    <article key={c.id} className={s.criterion} lang={lang}>
      <h4>{c.code} {inLocale(c.title, lang)}</h4>
      <p className={s.prose}>{inLocale(c.description, lang)}</p>
      <dl className={s.levels}>
        {c.levels.map((l, i) => (
          <div key={i}>
            <dt lang={i18n.locale}>{`${i} – ${i18n._(LEVEL_LABELS[i]!)}`}</dt>
            <dd className={s.prose}>{inLocale(l, lang)}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
  return (
    <>
      {PILLARS.map((p) => {
        const inPillar = criteria.filter((c) => c.pillar === p);
        if (inPillar.length === 0) return null;
        return (
          <section key={p} className={s.pillar} aria-labelledby={`pv-${p}`}>
            <h2 id={`pv-${p}`}>{i18n._(PILLAR_LABELS[p])}</h2>
            {p === 'instruments' ? FUNCTIONS.map((fn) => {
              const g = inPillar.filter((c) => c.function === fn);
              return g.length === 0 ? null : (
                <section key={fn} className={s.fn} aria-labelledby={`pv-${fn}`}>
                  <h3 id={`pv-${fn}`}>{i18n._(FUNCTION_LABELS[fn])}</h3>
                  {g.map(one)}
                </section>
              );
            }) : inPillar.map(one)}
          </section>
        );
      })}
    </>
  );
}

/** Publish or delete a draft, each asked first. */
function DraftActions({ fw }: { fw: FrameworkView }) {
  const { t } = useLingui();
  const { orgId } = useOrg();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [ask, setAsk] = useState<'publish' | 'delete' | null>(null);
  const run = useMutation({
    mutationFn: async (step: 'publish' | 'delete') => { if (step === 'publish') await post<FrameworkView>(`${frameworkUrl(fw.id)}/publish`, {}); else await api<void>('DELETE', frameworkUrl(fw.id)); },
    onSuccess: async (_d, step) => {
      setAsk(null);
      await qc.invalidateQueries({ queryKey: FRAMEWORKS_KEY });
      if (step === 'delete') void navigate({ to: `/o/${orgId}/maturity/frameworks` });
    },
  });
  const version = fw.version;
  return (
    <>
      <Button onPress={() => { run.reset(); setAsk('publish'); }}><Trans>Publish</Trans></Button>
      <Button variant="danger" onPress={() => { run.reset(); setAsk('delete'); }}><Trans>Delete the draft</Trans></Button>
      <ConfirmDialog isOpen={ask === 'publish'} onOpenChange={(o) => setAsk(o ? 'publish' : null)} title={t`Publish version ${version}?`}
        confirmLabel={t`Publish`} onConfirm={() => run.mutate('publish')} pending={run.isPending} error={run.error}>
        <p><Trans>From now on, new measurements of every organisation use this version. Measurements already started or approved keep the version they were started with; their levels and reports do not change.</Trans></p>
        <p><Trans>A published version can no longer be changed or deleted: a correction is a new version.</Trans></p>
      </ConfirmDialog>
      <ConfirmDialog isOpen={ask === 'delete'} onOpenChange={(o) => setAsk(o ? 'delete' : null)} title={t`Delete the draft of version ${version}?`} danger
        confirmLabel={t`Delete the draft`} onConfirm={() => run.mutate('delete')} pending={run.isPending} error={run.error}>
        <p><Trans>The draft and its criteria are deleted. Nobody has measured with it. This cannot be undone.</Trans></p>
      </ConfirmDialog>
    </>
  );
}

/** /maturity/frameworks/$frameworkId — a version's pillars, functions, criteria and level descriptors, in the chosen language. */
export function FrameworkPreviewPage() {
  const { t, i18n } = useLingui();
  const { orgId } = useOrg();
  const { frameworkId } = useParams({ strict: false }) as { frameworkId: string };
  const admin = useFrameworkAdmin();
  const q = useFramework(frameworkId);
  const fw = q.data;
  const [lang, setLang] = useState<Locale>(((LOCALES as readonly string[]).includes(i18n.locale) ? i18n.locale : 'nl') as Locale);
  const f = useFormat();
  const title = fw ? t`${inLocale(fw.title, i18n.locale)}, version ${fw.version}` : t`Maturity framework`;
  const count = fw ? fw.criteria.length : 0;
  if (!admin) return <><PageHeader title={t`Maturity framework`} /><NotForYou /></>;
  return (
    <>
      <PageHeader title={title} actions={fw && (
        <>
          <a className={buttonClass('secondary')} href={downloadUrl(fw.id)} download><Trans>Download as JSON</Trans></a>
          {fw.status === 'draft' && <DraftActions fw={fw} />}
        </>
      )}>
        <p><Link to={`/o/${orgId}/maturity/frameworks`}><Trans>All framework versions</Trans></Link></p>
      </PageHeader>
      <ErrorAlert error={q.error} />
      {q.isPending ? <Loading /> : !fw ? null : (
        <>
          <dl className={s.meta}>
            <div><dt><Trans>Status</Trans></dt><dd><StatusText f={fw} /></dd></div>
            <div><dt><Trans>Code</Trans></dt><dd>{fw.code}</dd></div>
            <div><dt><Trans>Criteria</Trans></dt><dd>{f.number(count)}</dd></div>
            {fw.publishedAt && <div><dt><Trans>Published on</Trans></dt><dd>{f.date(fw.publishedAt)}</dd></div>}
          </dl>
          {fw.status === 'draft' && (
            <Notice kind="warning"><Trans>This is a draft: only the inspectorate's administrators see it, and nobody can measure with it until it is published. Read it in each language before publishing.</Trans></Notice>
          )}
          <div className={layout.filters}>
            <SelectField label={t`Language of the texts`} value={lang} onChange={(v) => setLang((v || lang) as Locale)}
              options={LOCALES.map((l) => ({ id: l, label: i18n._(LANGUAGE_LABELS[l]) }))} />
          </div>
          {fw.description && <p className={s.prose} lang={lang}>{inLocale(fw.description, lang)}</p>}
          <CriteriaPreview criteria={fw.criteria} lang={lang} />
        </>
      )}
    </>
  );
}
