import { pluginRouter, procedureFor, services } from '@chengxin/plugin-sdk';
import { id, z } from '@chengxin/plugin-sdk/contract';
import * as c from '../contract';
import { figureInput, figureOut, PLUGIN_ID, ratingOut, type DebtConfig } from '../contract';
import { creditRatings, publishCreditRating } from './credit';
import { addMeasure, closeEvent, listEvents, openEvent } from './events';
import { listFigures, rating, ratings, saveFigures } from './figures';

const procedure = procedureFor(PLUGIN_ID);
const year = z.number().int().min(2000).max(2100);

export const localDebtRouter = pluginRouter({
  figures: pluginRouter({
    save: procedure
      .meta({
        permission: 'local-debt.figures.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '报送或更正某区某年的债务数据',
      })
      .input(figureInput)
      .output(figureOut)
      .mutation(({ ctx, input }) => saveFigures(services(ctx), ctx.db, input)),
    list: procedure
      .meta({ permission: 'local-debt.figures.read', scope: 'list', summary: '本辖区的年度债务数据' })
      .input(
        z.object({ orgId: id.optional(), year: year.optional(), limit: z.number().int().min(1).max(500).default(100) }),
      )
      .output(z.array(figureOut))
      .query(({ ctx, input }) => listFigures(services(ctx), ctx.db, input)),
  }),
  ratings: pluginRouter({
    get: procedure
      .meta({
        permission: 'local-debt.figures.read',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '某区某年的债务风险评级及其构成',
      })
      .input(z.object({ orgId: id, year }))
      .output(ratingOut)
      .query(({ ctx, input }) =>
        rating(ctx.db, (orgId) => services(ctx).config<DebtConfig>(PLUGIN_ID, orgId), input.orgId, input.year),
      ),
    list: procedure
      .meta({
        permission: 'local-debt.figures.read',
        scope: 'list',
        summary: '本辖区各区某年的债务风险评级（按得分从高到低）',
      })
      .input(z.object({ year }))
      .output(z.array(ratingOut))
      .query(({ ctx, input }) => ratings(services(ctx), ctx.db, input.year)),
  }),
  creditRatings: pluginRouter({
    list: procedure
      .meta({
        permission: 'local-debt.figures.read',
        scope: 'list',
        summary: '本辖区各区某年的政府信用评级（等级、依据及已报送的结果；默认上一年度）',
      })
      .input(z.object({ year: year.optional() }))
      .output(z.array(c.creditRatingOut))
      .query(({ ctx, input }) => {
        const s = services(ctx);
        return creditRatings(s, ctx.db, input.year ?? Number(s.today.slice(0, 4)) - 1);
      }),
    publish: procedure
      .meta({
        permission: 'local-debt.ratings.publish',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '向上一级政府报送某区某年的政府信用评级',
      })
      .input(c.creditRatingInput)
      .output(c.creditRatingOut)
      .mutation(({ ctx, input }) => publishCreditRating(services(ctx), ctx.db, input)),
  }),
  events: pluginRouter({
    open: procedure
      .meta({
        permission: 'local-debt.figures.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '登记地方政府性债务风险事件（分级）',
      })
      .input(c.eventInput)
      .output(c.eventOut)
      .mutation(({ ctx, input }) => openEvent(services(ctx), input)),
    addMeasure: procedure
      .meta({
        permission: 'local-debt.figures.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'local-debt.event', id: i?.eventId }],
        summary: '登记应急处置措施及日期',
      })
      .input(c.measureInput)
      .output(c.eventOut)
      .mutation(({ ctx, input }) => addMeasure(services(ctx), input)),
    close: procedure
      .meta({
        permission: 'local-debt.figures.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'local-debt.event', id: i?.eventId }],
        summary: '应急处置终结（结果与后期处置）',
      })
      .input(c.closeEventInput)
      .output(c.eventOut)
      .mutation(({ ctx, input }) => closeEvent(services(ctx), input)),
    list: procedure
      .meta({ permission: 'local-debt.figures.read', scope: 'list', summary: '本辖区的债务风险事件及处置情况' })
      .input(c.eventListInput)
      .output(z.array(c.eventOut))
      .query(({ ctx, input }) => listEvents(services(ctx), ctx.db, input)),
  }),
});
