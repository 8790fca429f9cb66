/** Shared React for the consoles: the schema-driven form, record timeline, cursor-paginated table, charts, errors. */
export * from './schema';
export * from './errors';
export * from './diff';
export { SchemaForm, type PickerProps, type SchemaFormProps } from './SchemaForm';
export { CursorTable, type CursorPage, type CursorTableProps, type ServerSort } from './CursorTable';
export { RecordTimeline, type TimelineEntry } from './RecordTimeline';
export { EChart, DISTINCT_COLORS, type ChartClick, type ChartOption } from './EChart';
export { SimpleList } from './SimpleList';
