/** 应急处置 (国办函〔2016〕88号): a district's debt risk events, the measures taken with their dates, the closure. */
import {
  AppError,
  badInput,
  jsonValue,
  newId,
  notAfterToday,
  notFound,
  orgInScope,
  orgsById,
  rows,
  sql,
  type PluginServices,
  type Queryable,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  EVENT_LEVEL_LABELS,
  type closeEventInput,
  type eventInput,
  type eventOut,
  type measureInput,
} from '../contract';
import { riskEvent } from './schema';

type EventOut = z.infer<typeof eventOut>;
const COLUMNS = sql`e.id::text, e.org_id::text as "orgId", o.name as "orgName", e.occurred_on::text as "occurredOn", e.level, e.title,
  e.description, e.measures, e.closed_on::text as "closedOn", e.closure`;
type Raw = Omit<EventOut, 'levelZh' | 'status' | 'statusZh' | 'measures'> & { measures: unknown };
const toEvent = (r: Raw): EventOut => ({
  ...r,
  levelZh: EVENT_LEVEL_LABELS[r.level].zh,
  measures: jsonValue<EventOut['measures']>(r.measures),
  status: r.closedOn ? 'closed' : 'open',
  statusZh: r.closedOn ? '处置终结' : '处置中',
});

export async function listEvents(
  s: PluginServices,
  db: Queryable,
  input: { orgId?: string | undefined; status?: 'open' | 'closed' | undefined; limit: number },
): Promise<EventOut[]> {
  const list = await rows<Raw>(
    db,
    sql`select ${COLUMNS} from local_debt.risk_event e join kernel_api.org_unit o on o.id = e.org_id
    where ${orgInScope(s.scope, sql`e.org_id`)} ${input.orgId ? sql`and e.org_id = ${input.orgId}` : sql``}
      ${input.status === 'open' ? sql`and e.closed_on is null` : input.status === 'closed' ? sql`and e.closed_on is not null` : sql``}
    order by (e.closed_on is null) desc, e.occurred_on desc, e.id limit ${input.limit}`,
  );
  return list.map(toEvent);
}

async function eventRow(db: Queryable, id: string, lock = false): Promise<EventOut> {
  const [r] = await rows<Raw>(
    db,
    sql`select ${COLUMNS} from local_debt.risk_event e join kernel_api.org_unit o on o.id = e.org_id where e.id = ${id} ${lock ? sql`for update of e` : sql``}`,
  );
  if (!r) throw notFound('risk_event', '债务风险事件', id);
  return toEvent(r);
}

export async function openEvent(s: PluginServices, input: z.infer<typeof eventInput>): Promise<EventOut> {
  notAfterToday(s.today, 'occurredOn', input.occurredOn);
  return s.write(async (tx, audit) => {
    if (!(await orgsById(tx, [input.orgId])).has(input.orgId))
      throw badInput('ORG_NOT_FOUND', 'orgId', '地区单位不存在', 'No such org unit');
    const id = newId();
    await tx.insert(riskEvent).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('local-debt.event.open', 'local-debt.risk_event', id, {
      orgId: input.orgId,
      occurredOn: input.occurredOn,
      level: input.level,
    });
    return eventRow(tx, id);
  });
}

const closedAlready = (e: EventOut) =>
  new AppError('CONFLICT', 'EVENT_CLOSED', `该事件已于${e.closedOn}处置终结`, 'The event is closed', 'eventId');

export async function addMeasure(s: PluginServices, input: z.infer<typeof measureInput>): Promise<EventOut> {
  notAfterToday(s.today, 'takenOn', input.takenOn);
  return s.write(async (tx, audit) => {
    const e = await eventRow(tx, input.eventId, true);
    if (e.closedOn) throw closedAlready(e);
    if (input.takenOn < e.occurredOn)
      throw badInput(
        'MEASURE_BEFORE_EVENT',
        'takenOn',
        `处置措施日期不能早于事件发生日期（${e.occurredOn}）`,
        'A measure cannot precede the event',
      );
    const measures = [...e.measures, { takenOn: input.takenOn, measure: input.measure }].sort((a, b) =>
      a.takenOn.localeCompare(b.takenOn),
    );
    await tx.execute(
      sql`update local_debt.risk_event set measures = ${JSON.stringify(measures)}::jsonb where id = ${e.id}`,
    );
    await audit('local-debt.event.measure', 'local-debt.risk_event', e.id, { takenOn: input.takenOn });
    return eventRow(tx, e.id);
  });
}

export async function closeEvent(s: PluginServices, input: z.infer<typeof closeEventInput>): Promise<EventOut> {
  notAfterToday(s.today, 'closedOn', input.closedOn);
  return s.write(async (tx, audit) => {
    const e = await eventRow(tx, input.eventId, true);
    if (e.closedOn) throw closedAlready(e);
    const last = e.measures.at(-1)?.takenOn ?? e.occurredOn;
    if (input.closedOn < last)
      throw badInput(
        'CLOSED_BEFORE_MEASURES',
        'closedOn',
        `终结日期不能早于事件发生日期或最后一项处置措施（${last}）`,
        'The closure cannot precede the last measure',
      );
    if (e.measures.length === 0)
      throw badInput('NO_MEASURES', 'eventId', '尚未登记任何处置措施，不能终结', 'No measure recorded');
    await tx.execute(
      sql`update local_debt.risk_event set closed_on = ${input.closedOn}::date, closure = ${input.closure} where id = ${e.id}`,
    );
    await audit('local-debt.event.close', 'local-debt.risk_event', e.id, { closedOn: input.closedOn });
    return eventRow(tx, e.id);
  });
}
