export { LooseStacksPage } from './LooseStacksPage';
