/**
 * A server-paginated table over a cursor list (`{ items, nextCursor }`): previous / next pages, never the whole list
 * in the browser. `reload` (any changing value) refetches from the first page.
 */
import { Alert, Button, Space, Table, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { messageOf } from './errors';
import type { Lang } from './schema';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorTableProps<T extends object> {
  columns: TableProps<T>['columns'];
  rowKey: (row: T) => string;
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>;
  /** Changing this refetches from the first page (filters, after a bulk action). */
  reload?: unknown;
  lang: Lang;
  rowSelection?: TableProps<T>['rowSelection'];
  onRow?: TableProps<T>['onRow'];
  size?: 'small' | 'middle';
}

export function CursorTable<T extends object>(props: CursorTableProps<T>) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<CursorPage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const { fetchPage, lang } = props;
  const current = cursors.at(-1);

  useEffect(() => setCursors([undefined]), [props.reload]);
  useEffect(() => {
    let live = true;
    setLoading(true);
    fetchPage(current)
      .then(
        (p) => {
          if (live) {
            setPage(p);
            setError(null);
          }
        },
        (e: unknown) => {
          if (live) setError(messageOf(e, lang));
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
    // fetchPage changes identity on every render of the caller; the cursor and reload decide when to fetch.
  }, [current, cursors.length, props.reload]);

  return (
    <div className="cx-cursor-table">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table<T>
        size={props.size ?? 'small'}
        columns={props.columns}
        dataSource={page?.items ?? []}
        rowKey={props.rowKey}
        loading={loading}
        pagination={false}
        rowSelection={props.rowSelection}
        onRow={props.onRow}
        scroll={{ x: 'max-content' }}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {lang === 'zh' ? '上一页' : 'Previous'}
        </Button>
        <span>{lang === 'zh' ? `第 ${cursors.length} 页` : `Page ${cursors.length}`}</span>
        <Button disabled={!page?.nextCursor || loading} onClick={() => setCursors((c) => [...c, page!.nextCursor!])}>
          {lang === 'zh' ? '下一页' : 'Next'}
        </Button>
      </Space>
    </div>
  );
}
