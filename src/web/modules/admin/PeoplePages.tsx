import { useEffect, useState } from 'react';
import { Trans, useLingui } from '@lingui/react/macro';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { Form, type SortDescriptor } from 'react-aria-components';
import { STAFF_CATEGORIES, type StaffCategory } from '../../../shared/roles';
import { ApiError, get, patch, post, qs } from '../../app/api';
import { useOrg } from '../../app/context';
import { CATEGORY_LABELS } from '../../app/labels';
import { Badge, Button, buttonClass, Card, DataTable, ErrorAlert, Field, layout, Loading, Notice, PageHeader, SelectField, useFormat } from '../../ui/components';
import { DateField } from '../../ui/DateField';
import { unitTree, useUnits } from './UnitsPage';
import type { Page, Person } from './types';
import s from './admin.module.css';

const PAGE_SIZE = 25;

export function PeopleListPage() {
  const { orgId, has } = useOrg();
  const { t, i18n } = useLingui();
  const f = useFormat();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const [unitId, setUnitId] = useState('');
  const [status, setStatus] = useState('active');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<SortDescriptor>({ column: 'name', direction: 'ascending' });
  const canManage = has('administrator', 'chief');
  const units = useUnits(orgId, has('administrator', 'chief', 'integrity_officer', 'head_of_service'));

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    const h = setTimeout(() => { setSearch(q.trim()); setPage(1); }, 300);
    return () => clearTimeout(h);
  }, [q]);

  const filters = { q: search, category, unitId, status, sort: sort.column === 'number' ? 'number' : 'name' };
  const list = useQuery({
    queryKey: ['org', orgId, 'people', filters, page],
    queryFn: () => get<Page<Person>>(`/api/orgs/${orgId}/people${qs({ ...filters, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const set = (fn: (v: string) => void) => (v: string) => { fn(v); setPage(1); };

  return (
    <>
      <PageHeader title={t`Staff`} actions={<>
        <a className={buttonClass('secondary')} href={`/api/orgs/${orgId}/people/export.csv${qs({ q: search, category, unitId, status, sort: filters.sort })}`} download>
          <Trans>Export CSV</Trans>
        </a>
        {canManage && <Link className={buttonClass('secondary')} to={`/o/${orgId}/people/import`}><Trans>Import from HR file</Trans></Link>}
        {canManage && <Link className={buttonClass()} to={`/o/${orgId}/people/new`}><Trans>Add a staff member</Trans></Link>}
      </>} />
      <div role="search" aria-label={t`Search staff`}>
        <Form className={layout.filters} onSubmit={(e) => { e.preventDefault(); setSearch(q.trim()); setPage(1); }}>
          <Field label={t`Search by name or number`} type="search" value={q} onChange={setQ} maxLength={100} />
          <SelectField label={t`Category`} value={category} onChange={set(setCategory)}
            options={[{ id: '', label: t`All categories` }, ...STAFF_CATEGORIES.map((c) => ({ id: c, label: i18n._(CATEGORY_LABELS[c]) }))]} />
          <SelectField label={t`Unit`} value={unitId} onChange={set(setUnitId)}
            options={[{ id: '', label: t`All units` }, ...unitTree(units.data ?? []).map((x) => ({ id: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` }))]} />
          <SelectField label={t`Status`} value={status} onChange={set(setStatus)}
            options={[{ id: 'active', label: t`In service` }, { id: 'left', label: t`Left` }, { id: 'all', label: t`All` }]} />
        </Form>
      </div>
      <ErrorAlert error={list.error} />
      <p role="status" className={s.muted}>{list.data ? t`${f.number(total)} staff members found` : ''}</p>
      {list.isPending ? <Loading /> : (
        <DataTable
          label={t`Staff`}
          sort={sort}
          onSortChange={(d) => { setSort(d.column === sort.column ? { column: d.column, direction: 'ascending' } : { ...d, direction: 'ascending' }); setPage(1); }}
          columns={[
            { id: 'name', name: t`Name`, isRowHeader: true, allowsSorting: true },
            { id: 'number', name: t`Personnel number`, allowsSorting: true },
            { id: 'category', name: t`Category` },
            { id: 'unit', name: t`Unit` },
            { id: 'function', name: t`Function` },
            { id: 'status', name: t`Status` },
          ]}
          rows={list.data?.items ?? []}
          cells={(p) => [
            <Link key="n" to={`/o/${orgId}/people/${p.id}`}>{p.lastName}, {p.firstName}</Link>,
            p.personnelNumber,
            i18n._(CATEGORY_LABELS[p.staffCategory]),
            p.unitName ?? '—',
            p.functionTitle ?? '—',
            p.status === 'active' ? t`In service` : t`Left on ${f.date(p.endDate)}`,
          ]}
          empty={<Trans>No staff member matches these filters.</Trans>}
        />
      )}
      <nav className={s.pager} aria-label={t`Pages`}>
        <span>{t`Page ${page} of ${pages}`}</span>
        <span className={layout.actions}>
          <Button variant="secondary" isDisabled={page <= 1} onPress={() => setPage(page - 1)}><Trans>Previous page</Trans></Button>
          <Button variant="secondary" isDisabled={page >= pages} onPress={() => setPage(page + 1)}><Trans>Next page</Trans></Button>
        </span>
      </nav>
    </>
  );
}

interface PersonForm {
  personnelNumber: string; lastName: string; firstName: string; email: string; staffCategory: string; grade: string;
  unitId: string; functionTitle: string; startDate: string; endDate: string;
}

const emptyForm: PersonForm = { personnelNumber: '', lastName: '', firstName: '', email: '', staffCategory: 'operational', grade: '', unitId: '', functionTitle: '', startDate: '', endDate: '' };

function toForm(p: Person): PersonForm {
  return {
    personnelNumber: p.personnelNumber, lastName: p.lastName, firstName: p.firstName, email: p.email ?? '', staffCategory: p.staffCategory,
    grade: p.grade ?? '', unitId: p.unitId ?? '', functionTitle: p.functionTitle ?? '', startDate: p.startDate, endDate: p.endDate ?? '',
  };
}

function PersonEditor({ orgId, person, onSaved }: { orgId: string; person?: Person; onSaved: (p: Person) => void }) {
  const { t, i18n } = useLingui();
  const qc = useQueryClient();
  const units = useUnits(orgId);
  const [form, setForm] = useState<PersonForm>(person ? toForm(person) : emptyForm);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        personnelNumber: form.personnelNumber, lastName: form.lastName, firstName: form.firstName, email: form.email.trim() || null,
        staffCategory: form.staffCategory as StaffCategory, grade: form.grade, unitId: form.unitId || null, functionTitle: form.functionTitle,
        startDate: form.startDate, endDate: form.endDate || null,
      };
      return person ? patch<Person>(`/api/orgs/${orgId}/people/${person.id}`, body) : post<Person>(`/api/orgs/${orgId}/people`, body);
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['org', orgId, 'people'] });
      onSaved(p);
    },
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  const field = (k: keyof PersonForm) => ({ value: form[k], onChange: (v: string) => setForm({ ...form, [k]: v }), error: err?.fieldMessage(k) });
  return (
    <Form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <ErrorAlert error={save.error} />
      <div className={layout.grid2}>
        <Field label={t`Personnel number`} {...field('personnelNumber')} isRequired maxLength={30} />
        <Field label={t`E-mail address`} type="email" {...field('email')} maxLength={254} />
        <Field label={t`Last name`} {...field('lastName')} isRequired maxLength={100} />
        <Field label={t`First name`} {...field('firstName')} isRequired maxLength={100} />
        <SelectField label={t`Category`} {...field('staffCategory')} isRequired options={STAFF_CATEGORIES.map((c) => ({ id: c, label: i18n._(CATEGORY_LABELS[c]) }))} />
        <Field label={t`Grade`} {...field('grade')} maxLength={50} />
        <SelectField label={t`Unit`} {...field('unitId')} options={[{ id: '', label: t`(no unit)` }, ...unitTree(units.data ?? []).map((x) => ({ id: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` }))]} />
        <Field label={t`Function`} {...field('functionTitle')} maxLength={200} />
        <DateField label={t`In service since`} {...field('startDate')} isRequired />
        <DateField label={t`Left service on`} {...field('endDate')} min={form.startDate || undefined} description={t`Leave empty while the person is in service.`} />
      </div>
      <Button type="submit" isDisabled={save.isPending}><Trans>Save</Trans></Button>
    </Form>
  );
}

export function PersonNewPage() {
  const { orgId } = useOrg();
  const { t } = useLingui();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t`Add a staff member`} />
      <p><Link to={`/o/${orgId}/people`}><Trans>Back to the staff list</Trans></Link></p>
      <PersonEditor orgId={orgId} onSaved={(p) => void navigate({ to: `/o/${orgId}/people/${p.id}` })} />
    </>
  );
}

export function PersonPage() {
  const { orgId, has } = useOrg();
  const { personId } = useParams({ strict: false }) as { personId: string };
  const { t, i18n } = useLingui();
  const f = useFormat();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const q = useQuery({ queryKey: ['org', orgId, 'people', 'one', personId], queryFn: () => get<Person>(`/api/orgs/${orgId}/people/${personId}`) });
  const p = q.data;
  const title = p ? `${p.firstName} ${p.lastName}` : t`Staff member`;
  return (
    <>
      <PageHeader title={title} actions={p && has('administrator', 'chief') && !editing && <Button variant="secondary" onPress={() => { setEditing(true); setSaved(false); }}><Trans>Edit</Trans></Button>}>
        {p && <p><Badge>{p.status === 'active' ? t`In service` : t`Left`}</Badge></p>}
      </PageHeader>
      <p><Link to={`/o/${orgId}/people`}><Trans>Back to the staff list</Trans></Link></p>
      <ErrorAlert error={q.error} />
      <div aria-live="polite">{saved && <Notice kind="success"><Trans>The changes have been saved.</Trans></Notice>}</div>
      {q.isPending && <Loading />}
      {p && (editing ? (
        <Card title={t`Edit`}>
          <PersonEditor orgId={orgId} person={p} onSaved={(np) => { qc.setQueryData(['org', orgId, 'people', 'one', personId], np); setEditing(false); setSaved(true); }} />
        </Card>
      ) : (
        <Card>
          <dl className={layout.dl}>
            <dt><Trans>Personnel number</Trans></dt><dd>{p.personnelNumber}</dd>
            <dt><Trans>E-mail address</Trans></dt><dd>{p.email ?? '—'}</dd>
            <dt><Trans>Category</Trans></dt><dd>{i18n._(CATEGORY_LABELS[p.staffCategory])}</dd>
            <dt><Trans>Grade</Trans></dt><dd>{p.grade ?? '—'}</dd>
            <dt><Trans>Unit</Trans></dt><dd>{p.unitName ? `${p.unitName} (${p.unitCode})` : '—'}</dd>
            <dt><Trans>Function</Trans></dt><dd>{p.functionTitle ?? '—'}</dd>
            <dt><Trans>In service since</Trans></dt><dd>{f.date(p.startDate)}</dd>
            <dt><Trans>Left service on</Trans></dt><dd>{f.date(p.endDate)}</dd>
          </dl>
        </Card>
      ))}
    </>
  );
}
