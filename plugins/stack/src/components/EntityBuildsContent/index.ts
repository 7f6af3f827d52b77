export { EntityBuildsContent } from './EntityBuildsContent';
