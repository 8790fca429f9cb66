import { pluginRouter, procedureFor, services } from '@chengxin/plugin-sdk';
import { id, z } from '@chengxin/plugin-sdk/contract';
import { figureInput, figureOut, PLUGIN_ID, ratingOut, type DebtConfig } from '../contract';
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
});
