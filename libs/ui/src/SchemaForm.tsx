/**
 * The one generic form renderer: fields from a JSON Schema (see schema.ts), drawn with antd, checked in the user's
 * language before sending, and the server's field issues shown next to their fields.
 */
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { checkForm, placeIssues, toInput, type FieldModel, type Lang } from './schema';
import { issuesOf, messageOf } from './errors';

export interface PickerProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  id: string;
}

export interface SchemaFormProps {
  fields: FieldModel[];
  lang: Lang;
  /** Values by field path. */
  initialValues?: Record<string, unknown>;
  /** Values the page sets itself (a row's id), merged into the input. */
  fixed?: Record<string, unknown>;
  submitText: string;
  /** Sends the input; a thrown API error's field issues land next to the fields. */
  onSubmit: (input: Record<string, unknown>) => Promise<unknown>;
  /** Prefix of server issue paths to strip (`record.` when the form is part of a larger input). */
  issuePrefix?: string;
  pickers?: { org?: (p: PickerProps) => ReactNode; person?: (p: PickerProps) => ReactNode };
  /** The page's own checks (of controls it renders in `before`), run with the fields' checks; false stops the submit. */
  check?: () => boolean;
  /** Rendered above the fields (a subject picker the page owns). */
  before?: ReactNode;
  disabled?: boolean;
}

const fieldId = (path: string) => `field-${path.replace(/\./g, '-')}`;

export function SchemaForm(props: SchemaFormProps) {
  const { fields, lang } = props;
  const defaults = useMemo(
    () =>
      Object.fromEntries(
        fields
          .filter((f) => f.defaultValue !== undefined && f.defaultValue !== null && typeof f.defaultValue !== 'object')
          .map((f) => [f.path, f.defaultValue]),
      ),
    [fields],
  );
  const [values, setValues] = useState<Record<string, unknown>>({ ...defaults, ...props.initialValues });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (path: string, value: unknown) => {
    setValues((v) => ({ ...v, [path]: value }));
    setErrors((e) => {
      if (!(path in e)) return e;
      const { [path]: _dropped, ...rest } = e;
      return rest;
    });
  };

  const submit = async () => {
    const problems = checkForm(fields, values, lang);
    const ownOk = props.check ? props.check() : true;
    setErrors(problems);
    setGeneral([]);
    if (Object.keys(problems).length || !ownOk) return;
    setBusy(true);
    try {
      await props.onSubmit(toInput(fields, values, props.fixed));
    } catch (error) {
      const placed = placeIssues(fields, issuesOf(error), lang, props.issuePrefix);
      setErrors(placed.byField);
      setGeneral(
        placed.general.length ? placed.general : Object.keys(placed.byField).length ? [] : [messageOf(error, lang)],
      );
    } finally {
      setBusy(false);
    }
  };

  const control = (f: FieldModel) => {
    const id = fieldId(f.path);
    const value = values[f.path];
    switch (f.widget) {
      case 'textarea':
        return (
          <Input.TextArea
            id={id}
            rows={3}
            value={(value as string) ?? ''}
            onChange={(e) => set(f.path, e.target.value)}
          />
        );
      case 'number':
        return (
          <InputNumber
            id={id}
            style={{ width: '100%' }}
            value={value as number | null}
            onChange={(v) => set(f.path, v ?? undefined)}
          />
        );
      case 'money':
        return (
          <InputNumber
            id={id}
            style={{ width: '100%' }}
            precision={2}
            suffix={lang === 'zh' ? '元' : 'CNY'}
            value={value as number | null}
            onChange={(v) => set(f.path, v ?? undefined)}
          />
        );
      case 'date':
        return (
          <DatePicker
            id={id}
            style={{ width: '100%' }}
            value={typeof value === 'string' && value ? dayjs(value) : null}
            onChange={(d) => set(f.path, d ? d.format('YYYY-MM-DD') : undefined)}
          />
        );
      case 'select':
        return (
          <Select
            id={id}
            allowClear
            value={value as string | undefined}
            onChange={(v) => set(f.path, v)}
            options={f.options.map((o) => ({ value: o.value, label: o.label[lang] }))}
          />
        );
      case 'multiselect':
        return (
          <Select
            id={id}
            mode="multiple"
            allowClear
            value={(value as string[] | undefined) ?? []}
            onChange={(v: string[]) => set(f.path, v)}
            options={f.options.map((o) => ({ value: o.value, label: o.label[lang] }))}
          />
        );
      case 'switch':
        return <Switch id={id} checked={!!value} onChange={(v) => set(f.path, v)} />;
      case 'org':
      case 'person': {
        const picker = props.pickers?.[f.widget];
        if (picker) return picker({ id, value: value as string | undefined, onChange: (v) => set(f.path, v) });
        return <Input id={id} value={(value as string) ?? ''} onChange={(e) => set(f.path, e.target.value)} />;
      }
      case 'json':
        return (
          <Input.TextArea
            id={id}
            rows={3}
            value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
            onChange={(e) => set(f.path, e.target.value)}
            placeholder="JSON"
          />
        );
      default:
        return <Input id={id} value={(value as string) ?? ''} onChange={(e) => set(f.path, e.target.value)} />;
    }
  };

  return (
    <Form
      layout="vertical"
      onFinish={submit}
      disabled={props.disabled || busy}
      className="cx-schema-form"
      // Enter in a field (a date picker confirming its date, a select choosing) must never send the whole form: a
      // half-filled contract was saved that way. The form is sent by its button only.
      onKeyDown={(e) => {
        const target = e.target as HTMLElement;
        if (e.key === 'Enter' && target.tagName === 'INPUT') e.preventDefault();
      }}
    >
      {general.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={general.join('；')} role="alert" />
      )}
      {props.before}
      {fields.map((f) => (
        <Form.Item
          key={f.path}
          label={f.label[lang]}
          htmlFor={fieldId(f.path)}
          required={f.required}
          validateStatus={errors[f.path] ? 'error' : undefined}
          help={errors[f.path] ?? f.help?.[lang]}
          data-field={f.path}
        >
          {control(f)}
        </Form.Item>
      ))}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {props.submitText}
        </Button>
      </Space>
    </Form>
  );
}
