export { StackFileNotice } from './StackFileNotice';
