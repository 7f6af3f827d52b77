export {
  EntityHealthCell,
  createStackHealthColumn,
} from './EntityHealthColumn';
