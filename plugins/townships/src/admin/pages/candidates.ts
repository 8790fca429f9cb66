import type { AdminPage } from '@chengxin/plugin-sdk/admin';
import { label } from '@chengxin/plugin-sdk/contract';

const page: AdminPage = {
  kind: 'report',
  title: label('诚信街道（乡镇）候选', 'Integrity township candidates'),
  procedure: 'townships.public.candidates',
  params: ['year'],
};
export default page;
