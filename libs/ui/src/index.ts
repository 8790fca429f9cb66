/** Shared React for the consoles: the schema-driven form, record timeline, cursor-paginated table, charts, errors. */
export * from './schema';
export * from './errors';
export * from './diff';
export { SchemaForm, type PickerProps, type SchemaFormProps } from './SchemaForm';
export { CursorTable, type CursorPage, type CursorTableProps } from './CursorTable';
export { RecordTimeline, type TimelineEntry } from './RecordTimeline';
export { EChart, type ChartOption } from './EChart';
export { SimpleList } from './SimpleList';
