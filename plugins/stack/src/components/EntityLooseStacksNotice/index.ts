export { EntityLooseStacksNotice } from './EntityLooseStacksNotice';
