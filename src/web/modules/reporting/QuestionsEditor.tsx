import { Trans, useLingui } from '@lingui/react/macro';
import { Button, Checkbox, Field, SelectField } from '../../ui/components';
import { useLocalText } from './components';
import { KIND_LABELS } from './labels';
import type { Lang, Question, QuestionKind, Texts } from './types';
import s from './styles';

export const LANGS: Lang[] = ['nl', 'fr', 'de', 'en'];
const KINDS: QuestionKind[] = ['text', 'longtext', 'date', 'choice'];

export function useLangNames(): Record<Lang, string> {
  const { t } = useLingui();
  return { nl: t`Dutch`, fr: t`French`, de: t`German`, en: t`English` };
}

/** A new question or option id (getRandomValues works outside secure contexts too, unlike randomUUID). */
const newId = (prefix: string) => `${prefix}${Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

/** A text in the four languages, one field each. */
export function TextsFields({ label, value, onChange, multiline, error, required }: {
  label: string; value: Texts; onChange: (v: Texts) => void; multiline?: boolean; error?: (lang: Lang) => string | undefined; required?: boolean;
}) {
  const names = useLangNames();
  return (
    <div className={multiline ? s.langGridWide : s.langGrid}>
      {LANGS.map((l) => (
        <Field key={l} className={multiline ? s.textarea : undefined} label={`${label} (${names[l]})`} value={value[l] ?? ''} multiline={multiline}
          maxLength={multiline ? 10_000 : 500} isRequired={required && l === 'nl'} error={error?.(l)}
          onChange={(v) => onChange({ ...value, [l]: v })} />
      ))}
    </div>
  );
}

/**
 * The organisation's questionnaire: questions in order, each with its kind, whether it must be
 * answered and its label in the four languages (choices also their options). Reports keep the
 * questions as they were asked, so changing them never changes an earlier report.
 */
export function QuestionsEditor({ questions, onChange, fieldError }: {
  questions: Question[]; onChange: (q: Question[]) => void; fieldError: (path: string) => string | undefined;
}) {
  const { t, i18n } = useLingui();
  const text = useLocalText();
  const set = (i: number, p: Partial<Question>) => onChange(questions.map((q, j) => (j === i ? { ...q, ...p } : q)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...questions];
    const [q] = next.splice(i, 1);
    next.splice(i + by, 0, q!);
    onChange(next);
  };
  return (
    <>
      {questions.map((q, i) => {
        const n = i + 1;
        const name = text(q.label) || t`(no label yet)`;
        return (
          <fieldset key={q.id} className={s.question}>
            <legend>{t`Question ${n}: ${name}`}</legend>
            <div className={s.numbers}>
              <SelectField label={t`Kind of answer`} value={q.kind}
                onChange={(v) => set(i, { kind: v as QuestionKind, options: v === 'choice' ? (q.options?.length ? q.options : [{ id: newId('o'), label: {} }, { id: newId('o'), label: {} }]) : null })}
                options={KINDS.map((k) => ({ id: k, label: i18n._(KIND_LABELS[k]) }))} />
              <div style={{ paddingTop: 'var(--space-5)' }}>
                <Checkbox isSelected={q.required} onChange={(v) => set(i, { required: v })}><Trans>Must be answered</Trans></Checkbox>
              </div>
            </div>
            <TextsFields label={t`Question`} value={q.label} onChange={(label) => set(i, { label })} required
              error={(l) => fieldError(`questions.${i}.label.${l}`) ?? (l === 'nl' ? fieldError(`questions.${i}.label`) : undefined)} />
            <TextsFields label={t`Help text`} value={q.help ?? {}} onChange={(help) => set(i, { help })} />
            {q.kind === 'choice' && (
              <div>
                <p className={s.groupLabel}><Trans>Options</Trans></p>
                <p className={`${s.small} ${s.muted}`}><Trans>At least two options.</Trans></p>
                {fieldError(`questions.${i}.options`) && <p className={s.fieldError}>{fieldError(`questions.${i}.options`)}</p>}
                {(q.options ?? []).map((o, k) => {
                  const m = k + 1;
                  return (
                    <div key={o.id} className={s.option}>
                      <TextsFields label={t`Option ${m}`} value={o.label} required
                        onChange={(label) => set(i, { options: (q.options ?? []).map((x, j) => (j === k ? { ...x, label } : x)) })} />
                      <Button variant="quiet" isDisabled={(q.options ?? []).length <= 2} onPress={() => set(i, { options: (q.options ?? []).filter((_x, j) => j !== k) })}
                        aria-label={t`Remove option ${m} of question ${n}`}><Trans>Remove option</Trans></Button>
                    </div>
                  );
                })}
                <Button variant="secondary" onPress={() => set(i, { options: [...(q.options ?? []), { id: newId('o'), label: {} }] })}
                  aria-label={t`Add an option to question ${n}`}><Trans>Add an option</Trans></Button>
              </div>
            )}
            <div className={s.questionTools}>
              <Button variant="quiet" isDisabled={i === 0} onPress={() => move(i, -1)} aria-label={t`Move question ${n} up`}><Trans>Move up</Trans></Button>
              <Button variant="quiet" isDisabled={i === questions.length - 1} onPress={() => move(i, 1)} aria-label={t`Move question ${n} down`}><Trans>Move down</Trans></Button>
              <Button variant="quiet" onPress={() => onChange(questions.filter((_x, j) => j !== i))} aria-label={t`Remove question ${n}`}><Trans>Remove</Trans></Button>
            </div>
          </fieldset>
        );
      })}
      <Button variant="secondary" onPress={() => onChange([...questions, { id: newId('q'), kind: 'text', label: {}, required: false }])}>
        <Trans>Add a question</Trans>
      </Button>
    </>
  );
}
