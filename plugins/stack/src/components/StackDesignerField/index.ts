export { StackDesignerField } from './StackDesignerField';
export { stackDesignerValidation } from './validation';
