/**
 * A server-paginated table over a cursor list (`{ items, nextCursor }`): previous / next pages, never the whole list
 * in the browser. `reload` (any changing value) refetches from the first page.
 */
import { Alert, Button, Space, Table, type TableProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { messageOf } from './errors';
import type { Lang } from './schema';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
  /** All rows matching the filters, when the list counts them (on its first page). */
  total?: number;
}

/** A column sort the server applies: the column's key and the direction. */
export interface ServerSort {
  key: string;
  order: 'ascend' | 'descend';
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
  /** Rows that open to show more (a complaint's words and attachments). */
  expandable?: TableProps<T>['expandable'];
  size?: 'small' | 'middle';
  /** Columns with `sorter: true` are sorted by the server: the caller refetches with this order. */
  onSort?: (sort: ServerSort | null) => void;
  /** Buttons beside the pager (an export of what is filtered). */
  extra?: ReactNode;
}

export function CursorTable<T extends object>(props: CursorTableProps<T>) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<CursorPage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [total, setTotal] = useState<number | undefined>(undefined);
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
            if (p.total !== undefined) setTotal(p.total);
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
        expandable={props.expandable}
        scroll={{ x: 'max-content' }}
        onChange={(_p, _f, sorter) => {
          if (!props.onSort || Array.isArray(sorter)) return;
          props.onSort(
            sorter.order && sorter.columnKey ? { key: String(sorter.columnKey), order: sorter.order } : null,
          );
        }}
      />
      <Space style={{ marginTop: 12 }} wrap>
        {total !== undefined && (
          <span data-testid="list-total">{lang === 'zh' ? `共 ${total} 条` : `${total} in all`}</span>
        )}
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {lang === 'zh' ? '上一页' : 'Previous'}
        </Button>
        <span>{lang === 'zh' ? `第 ${cursors.length} 页` : `Page ${cursors.length}`}</span>
        <Button disabled={!page?.nextCursor || loading} onClick={() => setCursors((c) => [...c, page!.nextCursor!])}>
          {lang === 'zh' ? '下一页' : 'Next'}
        </Button>
        {props.extra}
      </Space>
    </div>
  );
}
