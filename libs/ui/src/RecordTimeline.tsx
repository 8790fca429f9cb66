/**
 * A record timeline: entries in date order (newest first), each with a colour for what it means (red: dishonesty in
 * effect, green: commendation, grey: no longer in effect), a title, a line of detail and optional tags.
 */
import { Empty, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface TimelineEntry {
  key: string;
  date: string;
  title: ReactNode;
  detail?: ReactNode;
  tone: 'danger' | 'success' | 'neutral' | 'warning';
  tags?: { text: string; color?: string }[];
}

const COLORS = { danger: 'red', success: 'green', neutral: 'gray', warning: 'orange' } as const;

export function RecordTimeline({ entries, emptyText }: { entries: TimelineEntry[]; emptyText: string }) {
  if (entries.length === 0) return <Empty description={emptyText} />;
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Timeline
      items={sorted.map((e) => ({
        key: e.key,
        color: COLORS[e.tone],
        content: (
          <div className="cx-timeline-entry">
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {e.date}
            </Typography.Text>
            <Typography.Text strong>{e.title}</Typography.Text>
            {e.tags?.map((t) => (
              <Tag key={t.text} color={t.color} style={{ marginLeft: 8 }}>
                {t.text}
              </Tag>
            ))}
            {e.detail && (
              <div>
                <Typography.Text type="secondary">{e.detail}</Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
