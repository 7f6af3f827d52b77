export { ToneStatus } from './ToneStatus';
