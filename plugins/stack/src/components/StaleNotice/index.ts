export { StaleNotice } from './StaleNotice';
export type { StaleNoticeProps } from './StaleNotice';
