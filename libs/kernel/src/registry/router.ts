import * as c from '@chengxin/contract';
import { serviceContext, AppError, procedure, refs, router } from '../core';
import { createOrg, getOrg, orgChildren, searchOrgs } from './orgs';
import {
  appoint,
  createPerson,
  endTenure,
  findPersonByIdNumber,
  getPerson,
  listDuplicateRegistrations,
  mergeDuplicatePerson,
  revealPersonIdNumber,
  searchPersons,
} from './persons';

const k = serviceContext;

export const orgsRouter = router({
  tree: procedure
    .meta({
      permission: 'kernel.orgs.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.parentId]),
      summary: '单位树的一层（不传上级则为本人可见的根）',
    })
    .input(c.orgsTreeInput)
    .output(c.orgsTreeOutput)
    .query(({ ctx, input }) => orgChildren(ctx.db, input.parentId, ctx.scope)),
  get: procedure
    .meta({
      permission: 'kernel.orgs.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.id]),
      summary: '单位详情',
    })
    .input(c.orgsGetInput)
    .output(c.orgUnitOut)
    .query(({ ctx, input }) => getOrg(ctx.db, input.id)),
  search: procedure
    .meta({ permission: 'kernel.orgs.read', scope: 'list', summary: '按名称或统一社会信用代码查找单位' })
    .input(c.orgSearchInput)
    .output(c.page(c.orgUnitOut))
    .query(({ ctx, input }) => searchOrgs(ctx.db, input, ctx.scope)),
  create: procedure
    .meta({
      permission: 'kernel.orgs.write',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.parentId]),
      summary: '新建单位',
    })
    .input(c.orgCreateInput)
    .output(c.orgCreateOutput)
    .mutation(({ ctx, input }) => {
      // A top-level body is city-wide data.
      if (input.parentId === null && ctx.scope.roots !== null)
        throw new AppError(
          'FORBIDDEN',
          'CITY_SCOPE_REQUIRED',
          '只有全市范围的管理员可以新建顶级单位',
          'Only a city-wide grant may create a top-level body',
          'parentId',
        );
      return createOrg(k(ctx), input);
    }),
});

export const personsRouter = router({
  create: procedure
    .meta({
      permission: 'kernel.persons.write',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.tenure?.orgId]),
      summary: '登记公务员',
    })
    .input(c.personCreateInput)
    .output(c.personOut)
    .mutation(({ ctx, input }) => {
      if (!input.tenure && ctx.scope.roots !== null)
        throw new AppError(
          'BAD_REQUEST',
          'TENURE_REQUIRED',
          '请填写任职单位（您只能登记本辖区的人员）',
          'Give the tenure: you may only register persons in your scope',
          'tenure.orgId',
        );
      return createPerson(k(ctx), input);
    }),
  get: procedure
    .meta({
      permission: 'kernel.persons.read',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.id]),
      accessLog: 'person.read',
      summary: '人员详情（身份证号已脱敏）',
    })
    .input(c.personsGetInput)
    .output(c.personOut)
    .query(({ ctx, input }) => getPerson(ctx.db, input.id)),
  search: procedure
    .meta({ permission: 'kernel.persons.read', scope: 'list', summary: '按姓名查找人员' })
    .input(c.personSearchInput)
    .output(c.page(c.personSummaryOut))
    .query(({ ctx, input }) => searchPersons(ctx.db, input, ctx.scope)),
  // A lookup by ID number is a POST (mutation) so the number never appears in a URL or an access log.
  findByIdNumber: procedure
    .meta({ permission: 'kernel.persons.read', scope: 'list', summary: '按身份证号精确查找（号码在请求体中）' })
    .input(c.personsFindByIdNumberInput)
    .output(c.personOut.nullable())
    .mutation(({ ctx, input }) => findPersonByIdNumber(k(ctx), input.idNumber)),
  revealIdNumber: procedure
    .meta({
      permission: 'kernel.persons.reveal',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.id]),
      summary: '查看完整身份证号（须说明理由，记入审计）',
    })
    .input(c.personsRevealIdNumberInput)
    .output(c.personsRevealIdNumberOutput)
    .mutation(({ ctx, input }) => revealPersonIdNumber(k(ctx), input.id, input.reason)),
  appoint: procedure
    .meta({
      permission: 'kernel.persons.write',
      scope: 'subject',
      subjects: (i) => refs(['person', i?.personId], ['org', i?.orgId]),
      summary: '任职',
    })
    .input(c.appointInput)
    .output(c.personOut)
    .mutation(({ ctx, input }) => appoint(k(ctx), input)),
  endTenure: procedure
    .meta({
      permission: 'kernel.persons.write',
      scope: 'subject',
      subjects: (i) => refs(['tenure', i?.tenureId]),
      summary: '离任',
    })
    .input(c.endTenureInput)
    .output(c.personOut)
    .mutation(({ ctx, input }) => endTenure(k(ctx), input)),
  // A district that registers an ID number on file elsewhere gets a row of its own (see createPerson); these two
  // let a city-wide registrar see such registrations beside the person on file and merge them.
  duplicates: procedure
    .meta({ permission: 'kernel.persons.merge', scope: 'city', summary: '跨区重复登记的人员（待市级合并）' })
    .input(c.personsDuplicatesInput)
    .output(c.page(c.personDuplicateOut))
    .query(({ ctx, input }) => listDuplicateRegistrations(ctx.db, input)),
  mergeDuplicate: procedure
    .meta({ permission: 'kernel.persons.merge', scope: 'city', summary: '将重复登记合并入已登记的人员（须说明理由）' })
    .input(c.personsMergeDuplicateInput)
    .output(c.personsMergeDuplicateOutput)
    .mutation(({ ctx, input }) => mergeDuplicatePerson(k(ctx), input)),
});
