export { PublishingNotice, TEMPLATE_EDITOR_PATH } from './PublishingNotice';
