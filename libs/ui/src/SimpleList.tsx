/** A plain list with an empty text (antd 6.6 deprecates its List): one row per item, separated by a hairline. */
import type { ReactNode } from 'react';

export function SimpleList<T>({
  items,
  render,
  empty = '—',
  rowKey,
}: {
  items: T[];
  render: (item: T) => ReactNode;
  empty?: ReactNode;
  rowKey: (item: T, index: number) => string;
}) {
  if (items.length === 0)
    return <div style={{ color: 'rgba(0,0,0,0.45)', padding: '8px 0', textAlign: 'center' }}>{empty}</div>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => (
        <li
          key={rowKey(item, i)}
          style={{
            display: 'flex',
            alignItems: 'baseline',
            gap: 8,
            padding: '6px 0',
            borderBottom: i < items.length - 1 ? '1px solid #f0f0f0' : 'none',
          }}
        >
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
