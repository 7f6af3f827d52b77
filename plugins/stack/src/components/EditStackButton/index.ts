export { EditStackButton } from './EditStackButton';
