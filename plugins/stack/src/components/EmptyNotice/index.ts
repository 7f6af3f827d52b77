export { EmptyNotice } from './EmptyNotice';
export type { EmptyNoticeProps } from './EmptyNotice';
