import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { PublishingNotice } from './PublishingNotice';

/** `ui:field: StackPublishingNotice` for the new frontend system's scaffolder. */
export const publishingNoticeFormField = createFormField({
  name: 'StackPublishingNotice',
  component: PublishingNotice as any,
});
